import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

/// Every TCP printer fault on a kiosk linked to a real queue server: what the server holds of the
/// ticket. A failed ticket (no paper came out) is voided, so no counter calls a number nobody holds;
/// an uncertain one (it may be in the citizen's hand) is kept waiting for staff.
///
/// Serialized, as `PrinterFaultEndToEndTests`: each case blocks a test thread on a real kioskd and server.
@Suite("Printer faults on a linked kiosk: what the server holds", .serialized)
struct LinkedPrinterFaultTests {
    @Test("a TCP printer fault on a linked kiosk", .timeLimit(.minutes(4)), arguments: TCPFault.allCases)
    func serverHolds(_ fault: TCPFault) throws {
        let setup = try LinkedKioskEndToEndTests.Setup()
        let kiosk = try setup.start()
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1)
        let touch = try KioskTouchDriver(setup.fixture)
        let agency = "samsat", service = "balik-nama"

        if fault == .paperOutBefore || fault == .neverAnswers {
            try touch.takeTicket(agency: agency, service: service, afterTheFirstCheckOf: setup.printer) { fault.inject(into: setup.printer) }
        } else {
            fault.inject(into: setup.printer)
            try touch.takeTicket(agency: agency, service: service)
        }
        let ticket = try #require(LinkedKioskEndToEndTests.tickets(kiosk, count: 1).first)
        let word = fault.recorded == .failed ? "printed=no" : "printed=uncertain"
        try #require(kiosk.waitForLines(containing: word).count == 1, "\(kiosk.lines)")
        #expect(!setup.printer.receipts.contains { $0.wasCut && $0.text.contains(ticket.number) })

        if fault.recorded == .failed {
            let voided = try LinkedKioskEndToEndTests.eventually(timeout: 30) { try setup.serverTickets()[ticket.id]?.state == "voided" }
            #expect(voided, "the server voided \(ticket.number)")
            return
        }
        // Uncertain: reports reach the server in order, so once a later failed ticket is voided, this
        // one's report was handled, and it must still be waiting.
        try touch.press(.back, on: .notice(.printUncertainNoNumber, returnTo: .home))
        fault.clear(setup.printer)
        try #require(kiosk.waitForLines(containing: "printer is ready", count: 2).count == 2, "\(kiosk.lines)")
        try touch.takeTicket(agency: agency, service: service, afterTheFirstCheckOf: setup.printer) { setup.printer.paperOut = true }
        let later = try #require(LinkedKioskEndToEndTests.tickets(kiosk, count: 2).last)
        try #require(kiosk.waitForLines(containing: "printed=no").count == 1, "\(kiosk.lines)")
        let voided = try LinkedKioskEndToEndTests.eventually(timeout: 30) { try setup.serverTickets()[later.id]?.state == "voided" }
        try #require(voided, "the later failed ticket \(later.number) was voided")
        #expect(try setup.serverTickets()[ticket.id]?.state == "waiting", "the uncertain \(ticket.number) is kept for staff")
    }

    @Test("a CUPS fault on a linked kiosk: the ticket failed and the server voided it", .timeLimit(.minutes(4)),
          arguments: CupsServer.TestBackend.allCases)
    func cupsServerVoids(_ backend: CupsServer.TestBackend) throws {
        let catalogue = NSTemporaryDirectory() + "kiosk-linked-cups-catalogue-\(UUID().uuidString).json"
        try KioskFixture.catalogueJSON().write(toFile: catalogue, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: catalogue) }
        let server = try QueueServerProcess(catalogue: catalogue)
        let cups = try CupsServer()
        defer { cups.stop() }
        try cups.addQueue("ticket", backend: backend)
        let fixture = try KioskFixture(
            printer: #"{"kind": "cups", "queue": "ticket", "profile": "epson-tm-t82"}"#,
            server: KioskFixture.serverJSON(port: server.port, tokenFile: try server.addKiosk("TEST-K01")))
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath], environment: ["CUPS_SERVER": cups.server])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1, "\(kiosk.lines)")

        try KioskTouchDriver(fixture).takeTicket(agency: "samsat", service: "balik-nama")
        let ticket = try #require(LinkedKioskEndToEndTests.tickets(kiosk, count: 1).first)
        try #require(kiosk.waitForLines(containing: "printed=no").count == 1, "\(kiosk.lines)")
        let database = server.database
        let voided = try LinkedKioskEndToEndTests.eventually(timeout: 30) {
            let rows = try SQLiteDatabase(path: database, readOnly: true).query(
                "SELECT state FROM tickets WHERE ticket_id = ?", [.text(ticket.id)])
            return rows.first?.first == .text("voided")
        }
        #expect(voided, "the server voided \(ticket.number)")
    }
}
