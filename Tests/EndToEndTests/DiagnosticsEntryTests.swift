import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

/// A technician walks in: `kioskctl technician add` writes the PIN's hash, the hidden gesture on
/// the running kiosk's touchscreen opens the PIN pad, a wrong PIN is counted, the right one enters
/// diagnostics, Exit leaves. No PIN reaches the log.
@Suite struct DiagnosticsEntryTests {
    @Test(.timeLimit(.minutes(4)))
    func aTechnicianEntersWithTheHiddenGestureAndTheirPIN() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let mismatch = try Technicians.add("wayan", input: "2468\n2469\n", config: fixture.configPath)
        #expect(mismatch.status == 64 && mismatch.output.contains("differ"))
        let added = try Technicians.add("wayan", input: "2468\n2468\n", config: fixture.configPath)
        #expect(added.status == 0, "\(added.output)")
        var status = stat()
        #expect(stat(fixture.directory + "/technicians", &status) == 0 && status.st_mode & 0o777 == 0o600)

        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "ready:").count == 1)
        let touch = try KioskTouchDriver(fixture)
        try Technicians.openPINPad(touch, kiosk)
        try Technicians.type([1, 3, 5, 7], touch)
        try #require(kiosk.waitForLines(containing: "PIN attempt 1 wrong (1 of 5)").count == 1)
        try Technicians.type([2, 4, 6, 8], touch)
        try #require(kiosk.waitForLines(containing: "technician wayan entered diagnostics").count == 1)

        // The printer screen: a test page marked TEST that is no ticket, and a new roll.
        try touch.press(.openDiagnostics(.printer), on: .diagnostics(.overview))
        try touch.press(.printTestPage, on: .diagnostics(.printer))
        try #require(kiosk.waitForLines(containing: "test page: printed").count == 1)
        let pages = printer.waitForReceipts(count: 1, timeout: 20)
        #expect(pages.count == 1 && pages.first?.text.contains("TEST") == true)
        let today = LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
        #expect(try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite").tickets(day: today).isEmpty)
        try touch.press(.newPaperRoll, on: .diagnostics(.printer))
        try #require(kiosk.waitForLines(containing: "technician wayan put in a new paper roll").count == 1)
        // The printer's thread resets the counter after the test page's paper was counted.
        let counter = fixture.stateDirectory + "/paper-used-mm"
        let deadline = Date().addingTimeInterval(20)
        while (try? String(contentsOfFile: counter, encoding: .utf8)) != "0\n", Date() < deadline { usleep(20_000) }
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "0\n")
        try touch.press(.openDiagnostics(.overview), on: .diagnostics(.printer))
        try touch.press(.leaveDiagnostics, on: .diagnostics(.overview))
        try #require(kiosk.waitForLines(containing: "technician wayan left diagnostics: Exit was touched").count == 1)
        #expect(!kiosk.lines.contains { $0.contains("2468") || $0.contains("1357") })
    }
}
