import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Issue 11 #5: a token the queue server refuses (HTTP 401) is reported in the log and by
/// `kioskctl status`, naming the token file and never the token. A kiosk whose token was never accepted
/// has no fallback mark from the server, so it numbers no ticket offline (docs/ticket-identity.md) and says so on its first screen.
@Suite(.serialized) struct RefusedTokenTests {
    @Test(.timeLimit(.minutes(4)))
    func aRefusedTokenIsReportedByTheLogAndKioskctlWithoutShowingIt() throws {
        let catalogue = NSTemporaryDirectory() + "kiosk-token-catalogue-\(UUID().uuidString).json"
        try KioskFixture.catalogueJSON().write(toFile: catalogue, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: catalogue) }
        let server = try QueueServerProcess(catalogue: catalogue)
        let tokenFile = try server.addKiosk("TEST-K01")
        let wrongToken = "wrong-token-\(UUID().uuidString)"
        try Data((wrongToken + "\n").utf8).write(to: URL(fileURLWithPath: tokenFile))
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(
            printerPort: printer.port, server: KioskFixture.serverJSON(port: server.port, tokenFile: tokenFile))

        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        let refused = kiosk.waitForLines(containing: "token refused (HTTP 401)")
        try #require(refused.count == 1, "\(kiosk.lines)")
        #expect(refused[0].contains(tokenFile))
        let status = try Self.kioskctl(["--config", fixture.configPath, "status"])
        #expect(status.status == 1, "a refused token needs a technician: \(status.output)")
        #expect(status.output.contains("token refused (HTTP 401)") && status.output.contains(tokenFile), "\(status.output)")

        // Never accepted, the kiosk has no lease and no fallback mark from the server: it numbers nothing
        // offline (a number under its id's tail may be another kiosk's), and its first screen says so
        // before anyone touches it: no agency to choose (NoNumberOfflineTests has the way back).
        try #require(kiosk.waitForLines(containing: "no number can be issued").count == 1, "\(kiosk.lines)")
        let agency = try KioskTouchDriver(fixture).centre(of: .chooseAgency(AgencyID("samsat")), on: .home)
        let tap = try Self.kioskctl(["--config", fixture.configPath, "--json", "tap", String(agency.x), String(agency.y)])
        let answer = tap.output.split(separator: "\n").first { $0.hasPrefix("{") }.flatMap { ControlAnswer.parse(String($0)) }
        #expect(tap.status == 0 && answer?["pressed"]?.content == .bool(false), "no agency to touch: \(tap.output)")
        #expect(printer.receipts.isEmpty && !kiosk.lines.contains { $0.contains(" printed=") }, "no paper: \(kiosk.lines)")
        #expect(kiosk.stop() == 0)
        let everything = kiosk.lines + [status.output, try String(contentsOfFile: fixture.stateDirectory + "/queue-server.status", encoding: .utf8)]
        #expect(everything.allSatisfy { !$0.contains(wrongToken) }, "the token appeared in the output")
    }

    static func kioskctl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = try KioskProcess("kioskctl", arguments: arguments)
        let status = process.waitForExit()
        usleep(50_000)  // the last output lines
        return (status, process.lines.joined(separator: "\n"))
    }
}
