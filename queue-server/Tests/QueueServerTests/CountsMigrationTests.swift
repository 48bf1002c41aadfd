import Foundation
import KioskLink
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

/// The step from schema version 4 (sites, no counts) to 5: the counts are filled from the tickets
/// already stored, including odd ones an earlier, unhardened server could have written.
@Suite("Schema version 4 to 5: counts from the stored tickets")
struct CountsMigrationTests {
    /// A version-4 database (Schemas/v4-complete.sql) with the sample catalogue as site `default`.
    static func writeVersion4(at path: String, tickets: [(id: String, queuedAt: Int64, state: String, sequence: Int?)]) throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas")
        let database = try SQLiteDatabase(path: path)
        try database.execute(try String(contentsOfFile: directory.appendingPathComponent("v4-complete.sql").path, encoding: .utf8))
        let catalogue = try String(contentsOfFile: TestServer.catalogue, encoding: .utf8)
        try database.query(
            "INSERT INTO sites (site_id, name, body, path) VALUES ('default', 'default', ?, ?)", [.text(catalogue), .text(TestServer.catalogue)])
        let issued = tickets.compactMap(\.sequence).max() ?? 0
        try database.query("INSERT INTO sequences (site_id, service_id, day, next) VALUES ('default', 'ktp-el', ?, ?)", [.text(TestServer.mondayDay), .int(issued + 1)])
        for (index, ticket) in tickets.enumerated() {
            try database.query(
                """
                INSERT INTO tickets (ticket_id, site_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
                    clock_offset_ms, queued_at, language, priority, kiosk_id, origin, state, created_at)
                VALUES (?, 'default', 'ktp-el', 'ktp-el', 'disdukcapil', ?, ?, ?, ?, 0, ?, 'id', 0, 'old-kiosk', ?, ?, 1)
                """,
                [.text(ticket.id), .text(TestServer.mondayDay), .optional(ticket.sequence),
                 .text(ticket.sequence.map { "DA-" + String(format: "%03d", $0) } ?? "DA-K01-\(index)"), .integer(ticket.queuedAt),
                 .integer(ticket.queuedAt), .text(ticket.sequence == nil ? "offline" : "online"), .text(ticket.state)])
        }
        try database.execute("PRAGMA user_version = 4")
    }

    @Test func aVersion4DatabaseKeepsItsQueueAndQuota() throws {
        // 147 numbers handed out, one of them voided, one live fallback ticket: 147 of the quota of 150 used.
        let base = TestServer.mondayMorning - 3_600_000
        var tickets: [(id: String, queuedAt: Int64, state: String, sequence: Int?)] = (1...147).map { sequence in
            (TestServer.newID(), base + Int64(sequence % 7) * 1_000, sequence % 5 == 0 ? "called" : "waiting", sequence)
        }
        tickets[3].state = "voided"
        tickets.append((TestServer.newID(), base + 500, "waiting", nil))
        let server = try TestServer { try Self.writeVersion4(at: $0, tickets: tickets) }
        #expect(try SQLiteSchema.userVersion(SQLiteDatabase(path: server.database, readOnly: true)) == SQLiteSchema.version)
        let kiosk = try server.client()
        let waiting = tickets.filter { $0.state == "waiting" }
        for ticket in waiting {
            let ahead = waiting.filter { ($0.queuedAt, $0.id) < (ticket.queuedAt, ticket.id) }.count
            #expect(try kiosk.ticket(ticket.id).peopleAhead == ahead)
        }
        func issue() throws -> QueueTicket {
            try kiosk.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning))
        }
        // Three numbers are left of the day's 150; the first new ticket waits behind every old one.
        #expect(try issue().peopleAhead == waiting.count)
        _ = try issue()
        _ = try issue()
        #expect(throws: QueueClientError.self) { try issue() }
        server.expectContractKept()
    }

    @Test func oddTicketsOfAnEarlierServerAreCountedAsTheQueueOrdersThem() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("queue-odd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/queue.db"
        // Moments an unhardened server stored (negative, zero, far future, Int64.max) and ids as sent.
        let moments: [Int64] = [-5, 0, 0, -9_000_000_000_000, 1, Int64.max, Int64.max, 1 << 60, TestServer.mondayMorning, TestServer.mondayMorning]
        let ids = ["", "Ä-upper", "zz", "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9", "\u{FFFF}x", "a", "b", "x\u{0}y", "\u{1F600}", "\u{FF}"]
        try Self.writeVersion4(at: path, tickets: zip(ids, moments).map { ($0, $1, "waiting", nil) })
        let fixture = try CountsTests.Fixture(path: path)
        let entries = Array(zip(moments, ids))
        for (moment, id) in entries {
            let ahead = entries.filter { $0.0 < moment || ($0.0 == moment && Array($0.1.utf8).lexicographicallyPrecedes(Array(id.utf8))) }.count
            #expect(try fixture.view(id).peopleAhead == ahead, "ticket \(id.debugDescription) at \(moment)")
        }
        try CountsTests.expectCountsAgree(fixture, services: ["ktp-el"], context: "odd")
        // They stay right as they are called.
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        for round in 0..<4 {
            _ = try await fixture.store.callNext(call, staff: "staff", site: "default", now: TestServer.mondayMorning)
            try CountsTests.expectCountsAgree(fixture, services: ["ktp-el"], context: "odd, call \(round)")
        }
    }
}
