import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

/// A real kioskd and the printer emulator failing mid-ticket.
@Suite("Printer faults end to end")
struct PrinterFaultEndToEndTests {
    @Test(
        "a print failing mid-ticket leaves no number that nobody holds",
        .timeLimit(.minutes(2)),
        arguments: [PrinterFault.paperRunsOut(afterBytes: 300), .coverOpens(afterBytes: 300),
                    .dropsConnection(afterBytes: 300)])
    func failureMidTicket(fault: PrinterFault) throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "ready:").count == 1)
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1)
        let touch = try KioskTouchDriver(fixture)

        // The first ticket breaks off mid-job: recorded as failed, and waiting to be reported.
        printer.inject(fault)
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let failed = try #require(kiosk.waitForLines(containing: "ticket id=").first)
        #expect(failed.contains("number=A-001") && failed.contains("printed=no"))
        let day = String(try #require(failed.split(separator: " ").first { $0.hasPrefix("day=") }).dropFirst(4))
        let store = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite")
        #expect(try store.unreportedPrintFailures().map(\.number) == ["A-001"])
        #expect(printer.receipts.isEmpty, "no paper came out for A-001")

        if fault == .dropsConnection(afterBytes: 300) {
            // The printer is back at once: the next ticket prints with the next number.
            try touch.finishTicket()
        } else {
            // Paper out or cover open: the next citizen is told before choosing, and gets no number.
            let condition = fault == .coverOpens(afterBytes: 300) ? "cover-open" : "paper-out"
            try #require(kiosk.waitForLines(containing: "printer is \(condition)").count == 1)
            try touch.finishTicket()
            try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
            usleep(300_000)
            #expect(try store.tickets(day: day).map(\.number) == ["A-001"])
            // The roll is changed (or the cover closed): the idle poll notices, and printing resumes.
            try touch.press(.back, on: .notice(.printerDown, returnTo: .attract))
            printer.paperOut = false
            printer.coverOpen = false
            try #require(kiosk.waitForLines(containing: "printer is ready", count: 2).count == 2)
        }
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let printed = try #require(kiosk.waitForLines(containing: "printed=yes").first)
        #expect(printed.contains("number=A-002"))
        let receipts = printer.waitForReceipts(count: 1, timeout: 10)
        #expect(receipts.count == 1 && receipts.first?.text.contains("A-002") == true)

        // Every number issued is either on paper or waiting to be reported as not printed.
        let tickets = try store.tickets(day: day)
        #expect(tickets.map(\.number) == ["A-001", "A-002"])
        #expect(tickets.map(\.outcome) == [.failed, .printed])
        #expect(try store.unreportedPrintFailures().map(\.number) == ["A-001"])
    }

    @Test("where the operator allows it, a kiosk whose printer is down shows the number and records it",
          .timeLimit(.minutes(1)))
    func screenOnly() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        printer.coverOpen = true
        let fixture = try KioskFixture(
            printer: #"{"kind": "tcp", "host": "127.0.0.1", "port": \#(printer.port), "allowScreenOnlyTickets": true}"#)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "printer is cover-open").count == 1)

        let touch = try KioskTouchDriver(fixture)
        try touch.press(.start, on: .attract)
        try touch.press(.back, on: .notice(.printerDownNumberOnScreen, returnTo: .language))
        try touch.press(.chooseLanguage(.indonesian), on: .language)
        try touch.press(.chooseAgency(AgencyID("disdukcapil")), on: .agencies(page: 0))
        try touch.press(.chooseService(ServiceID("ktp-el")), on: .services(AgencyID("disdukcapil"), page: 0))
        let line = try #require(kiosk.waitForLines(containing: "shown on screen only").first)
        #expect(line.contains("number=A-001") && line.contains("printer cover-open"))
        let day = LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
        let stored = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite").tickets(day: day)
        #expect(stored.map(\.outcome) == [.screenOnly])
        #expect(printer.receipts.isEmpty && printer.lostReceipts == 0, "not a byte was sent")
    }
}
