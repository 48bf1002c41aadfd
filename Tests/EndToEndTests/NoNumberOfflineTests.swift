import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Issue 11's leftover, end to end: a linked kiosk that never had a lease (so no fallback mark from
/// the server) and cannot reach its server says on its first screen that no number can be issued,
/// before anyone touches it, and takes tickets again as soon as the server answers.
@Suite(.serialized) struct NoNumberOfflineTests {
    @Test(.timeLimit(.minutes(4)))
    func theFirstScreenSaysNoNumberCanBeIssuedUntilTheServerAnswers() throws {
        let catalogue = NSTemporaryDirectory() + "kiosk-nonumber-catalogue-\(UUID().uuidString).json"
        try KioskFixture.catalogueJSON().write(toFile: catalogue, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: catalogue) }
        let server = try QueueServerProcess(catalogue: catalogue)
        let proxy = try FaultProxy(upstreamPort: server.port)
        defer { proxy.stop() }
        proxy.fault = .reset
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(
            printerPort: printer.port,
            server: KioskFixture.serverJSON(port: proxy.port, tokenFile: try server.addKiosk("TEST-K01")))

        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        try #require(kiosk.waitForLines(containing: "no number can be issued").count == 1, "\(kiosk.lines)")
        let touch = try KioskTouchDriver(fixture)
        let agency = try touch.centre(of: .chooseAgency(AgencyID("samsat")), on: .home)
        let tap = try Self.kioskctl(fixture, ["--json", "tap", String(agency.x), String(agency.y)])
        #expect(tap.status == 0 && tap.json?["pressed"]?.content == .bool(false), "no agency to touch: \(tap.output)")
        let status = try Self.kioskctl(fixture, ["--json", "status"])
        #expect(status.json?["screen"]?.stringValue == "home", "\(status.output)")

        proxy.fault = .none
        try #require(kiosk.waitForLines(containing: "numbers can be issued again", timeout: 60).count == 1, "\(kiosk.lines)")
        try touch.takeTicket(agency: "samsat", service: "balik-nama")
        #expect(printer.waitForReceipts(count: 1, timeout: 20).count == 1, "\(kiosk.lines)")
        #expect(kiosk.stop() == 0)
    }

    static func kioskctl(_ fixture: KioskFixture, _ arguments: [String]) throws -> (status: Int32, output: String, json: ControlAnswer?) {
        let process = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath] + arguments)
        let status = process.waitForExit()
        return (status, process.lines.joined(separator: "\n"), process.lines.first { $0.hasPrefix("{") }.flatMap(ControlAnswer.parse))
    }
}
