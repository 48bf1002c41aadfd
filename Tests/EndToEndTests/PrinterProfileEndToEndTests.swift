import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

/// A real kioskd with a printer profile that supports `GS ( H` and Automatic Status Back
/// (`epson-tm-t20`): each ticket ends with a process ID the printer sends back, ASB is on, and a
/// paper end mid-ticket is heard from the unsolicited ASB block.
@Suite("Printer profile options end to end", .serialized)
struct PrinterProfileEndToEndTests {
    @Test("epson-tm-t20: printed on GS r and its process ID; paper end mid-job heard by ASB: uncertain, then the next number prints",
          .timeLimit(.minutes(4)))
    func processIDAndAutomaticStatus() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printer: #"""
            {"kind": "tcp", "host": "127.0.0.1", "port": \#(printer.port), "profile": "epson-tm-t20"}
            """#)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1)
        let touch = try KioskTouchDriver(fixture)

        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let first = try #require(kiosk.waitForLines(containing: "ticket id=").first)
        #expect(first.contains("number=A-001") && first.contains("printed=yes"), "\(first)")
        #expect(printer.receipts.contains { $0.wasCut && $0.text.contains("A-001") })
        try touch.finishTicket()

        printer.inject(.paperRunsOut(afterBytes: 300))
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let second = try #require(kiosk.waitForLines(containing: "ticket id=", count: 2).last)
        #expect(second.contains("number=A-002") && second.contains("printed=uncertain")
            && second.contains("paper-out (automatic status)"), "\(second)")
        let day = String(try #require(second.split(separator: " ").first { $0.hasPrefix("day=") }).dropFirst(4))
        let store = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite")
        #expect(try store.tickets(day: day).map(\.outcome) == [.printed, .uncertain])
        try #require(kiosk.waitForLines(containing: "printer is paper-out").count == 1, "\(kiosk.lines)")
        try touch.press(.back, on: .notice(.printUncertainNoNumber, returnTo: .home))

        printer.paperOut = false
        try #require(kiosk.waitForLines(containing: "printer is ready", count: 2).count == 2, "\(kiosk.lines)")
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let third = try #require(kiosk.waitForLines(containing: "printed=yes", count: 2).last, "\(kiosk.lines)")
        #expect(third.contains("number=A-003"))
        #expect(!printer.receipts.contains { $0.wasCut && $0.text.contains("A-002") }, "the stopped ticket never came out whole")
    }
}
