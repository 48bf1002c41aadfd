import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Issue 11 #5, the token file itself: a token file another user may read is refused by kioskd (out of
/// service, both languages on screen), and the reason reaches `kioskctl status` through the status file
/// kioskd keeps in its state directory (`queue-server.status`), never the token. Fixed, the kiosk serves.
@Suite(.serialized) struct WrongTokenFileTests {
    @Test(.timeLimit(.minutes(4)))
    func aLooseTokenFileIsReportedByKioskctlStatusWithoutTheTokenUntilFixed() throws {
        let catalogue = NSTemporaryDirectory() + "kiosk-token-file-catalogue-\(UUID().uuidString).json"
        try KioskFixture.catalogueJSON().write(toFile: catalogue, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: catalogue) }
        let server = try QueueServerProcess(catalogue: catalogue)
        let tokenFile = try server.addKiosk("TEST-K01")
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        chmod(tokenFile, 0o644)
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port, server: KioskFixture.serverJSON(port: server.port, tokenFile: tokenFile))

        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        try #require(kiosk.waitForLines(containing: "out of service:").count == 1, "\(kiosk.lines)")
        let status = try RefusedTokenTests.kioskctl(["--config", fixture.configPath, "status"])
        #expect(status.status == 1, "a refused token file needs a technician: \(status.output)")
        #expect(status.output.contains("mode 0644") && status.output.contains("chmod 600 \(tokenFile)"), "\(status.output)")
        #expect(!status.output.contains(token), "kioskctl status showed the token")

        // Fixed: kioskd sees the file change, starts again and reaches the server.
        chmod(tokenFile, 0o600)
        try #require(kiosk.waitForLines(containing: "ready:", timeout: 30).count == 1, "\(kiosk.lines)")
        #expect(Self.eventually { (try? RefusedTokenTests.kioskctl(["--config", fixture.configPath, "status"]))?.status == 0 },
            "kioskctl status is ok again")
        #expect(kiosk.stop() == 0)
        #expect(!kiosk.lines.joined().contains(token), "the token appeared in the log")
    }

    static func eventually(timeout: Double = 30, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { return false }
            usleep(200_000)
        }
        return true
    }
}
