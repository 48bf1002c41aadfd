import Foundation
import KioskCore
import KioskSQLite
import KioskTestSupport
import Testing

/// Issue 18 item 5 end to end: a real kioskd linked to a real queue server whose catalogue gives `balik-nama`
/// (prefix E) the priority series EP. A citizen who chose "Prioritas" gets the priority series' number, on paper
/// and on the server, and the general series goes on where it was.
@Suite struct PrioritySeriesEndToEndTests {
    @Test(.timeLimit(.minutes(4)))
    func aLinkedKioskPrintsAPriorityTicketInItsSeries() throws {
        let catalogue = NSTemporaryDirectory() + "kiosk-series-catalogue-\(UUID().uuidString).json"
        let text = KioskFixture.catalogueJSON()
        try #require(text.contains(#""prefix": "E"}"#))
        try text.replacingOccurrences(of: #""prefix": "E"}"#, with: #""prefix": "E", "prioritySeries": {"prefix": "EP"}}"#)
            .write(toFile: catalogue, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: catalogue) }
        let server = try QueueServerProcess(catalogue: catalogue)
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(
            printerPort: printer.port,
            server: KioskFixture.serverJSON(port: server.port, tokenFile: try server.addKiosk("TEST-K01", mayClaimPriority: true)))
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        try #require(kiosk.waitForLines(containing: "ready:").count == 1, "kioskd started: \(kiosk.lines)")
        let touch = try KioskTouchDriver(fixture)
        touch.linked = true

        try touch.takeTicket(agency: "samsat", service: "balik-nama")
        try #require(printer.waitForReceipts(count: 1, timeout: 20).count == 1, "the first ticket was printed: \(kiosk.lines)")
        try #require(kiosk.waitForLines(containing: " printed=", count: 1).count == 1, "\(kiosk.lines)")
        try touch.finishTicket()

        try touch.press(.askPriority, on: .home)
        try touch.press(.choosePriority(.elderly), on: .priorityChoice)
        var chosen = KioskState()
        chosen.priority = .elderly
        try touch.press(.chooseAgency(AgencyID("samsat")), in: chosen)
        chosen.screen = .services(AgencyID("samsat"), page: 0)
        try touch.press(.chooseService(ServiceID("balik-nama")), in: chosen)
        let receipts = printer.waitForReceipts(count: 2, timeout: 20)
        try #require(receipts.count == 2, "the priority ticket was printed: \(kiosk.lines)")
        try #require(kiosk.waitForLines(containing: " printed=", count: 2).count == 2, "\(kiosk.lines)")
        try touch.finishTicket()

        try touch.takeTicket(agency: "samsat", service: "balik-nama")
        let all = printer.waitForReceipts(count: 3, timeout: 20)
        try #require(all.count == 3, "the third ticket was printed: \(kiosk.lines)")
        let numbers = kiosk.waitForLines(containing: " printed=", count: 3).map { line in
            line.split(separator: " ").first { $0.hasPrefix("number=") }.map { String($0.dropFirst("number=".count)) } ?? ""
        }
        // The second is of the priority series: EP-001, or the number after the block of EP the kiosk leased meanwhile
        // (once the server's catalogue is in use, its link rounds lease the priority series too). The third is of the
        // general series, after the numbers the kiosk leased of it meanwhile (E-002…); never EP.
        try #require(numbers.count == 3, "\(kiosk.lines)")
        let priority = numbers[1]
        #expect(numbers[0] == "E-001" && priority.hasPrefix("EP-"), "\(kiosk.lines)")
        #expect(numbers.last.map { $0.hasPrefix("E-") && $0 != "E-001" } == true, "\(numbers)")
        #expect(all[1].text.contains(priority) && !all[1].text.contains("E-001"), "the paper shows the number as issued: \(all[1].text)")
        #expect(all[1].text.contains("Lansia"), "and the priority in words: \(all[1].text)")
        #expect(!kiosk.lines.contains { $0.contains("offline=yes") }, "every number came from the server")

        let database = try SQLiteDatabase(path: server.database, readOnly: true)
        let held = try database.query("SELECT number, series, priority FROM tickets ORDER BY created_at, number").map { row -> String in
            guard case .text(let number) = row[0], case .text(let series) = row[1], case .integer(let priority) = row[2] else { return "?" }
            return "\(number) \(series) \(priority)"
        }
        #expect(held == ["E-001 general 0", "\(priority) priority 1", "\(numbers.last ?? "") general 0"])
        // Whichever it is, no block the server leased holds it.
        let inALease = try database.query(
            """
            SELECT count(*) FROM leases JOIN tickets ON tickets.service_id = leases.service_id AND tickets.day = leases.day
                AND tickets.series = leases.series AND tickets.sequence BETWEEN leases.first AND leases.last
            WHERE tickets.number = ?
            """, [.text(priority)])
        #expect(inALease == [[.integer(0)]])
        #expect(kiosk.stop() == 0)
    }
}
