import Foundation
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

/// The step from schema version 9 to 10: `day_counts`, kept by the count triggers on every change of a
/// ticket but read by nothing since quotas count live tickets, is dropped with its share of the
/// triggers; the counts that are read (people ahead, sessions) stay right and stay kept.
@Suite("Schema version 9 to 10: day_counts dropped")
struct DayCountsDropTests {
    @Test func aVersion9DatabaseLosesDayCountsAndKeepsItsOtherCounts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("queue-v9-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/queue.db"
        let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas")
        let old = try SQLiteDatabase(path: path)
        try old.execute(try String(contentsOfFile: schemas.appendingPathComponent("v9-complete.sql").path, encoding: .utf8))
        let catalogue = try String(contentsOfFile: TestServer.catalogue, encoding: .utf8)
        try old.query("INSERT INTO sites (site_id, name, body, path) VALUES ('default', 'default', ?, ?)", [.text(catalogue), .text(TestServer.catalogue)])
        // Six numbered tickets (the fourth voided) and a live fallback one, as version 9 stored them.
        for index in 0..<7 {
            let sequence: Int? = index < 6 ? index + 1 : nil
            try old.query(
                """
                INSERT INTO tickets (ticket_id, site_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
                    clock_offset_ms, queued_at, language, priority, kiosk_id, origin, state, created_at)
                VALUES (?, 'default', 'ktp-el', 'ktp-el', 'disdukcapil', ?, ?, ?, ?, 0, ?, 'id', 0, 'old-kiosk', ?, ?, 1)
                """,
                [.text(TestServer.newID()), .text(TestServer.mondayDay), .optional(sequence),
                 .text(sequence.map { "DA-00\($0)" } ?? "DA-K01-1"), .integer(TestServer.mondayMorning + Int64(index) * 1_000),
                 .integer(TestServer.mondayMorning + Int64(index) * 1_000), .text(sequence == nil ? "offline" : "online"),
                 .text(index == 3 ? "voided" : "waiting")])
        }
        // The version-9 triggers kept day_counts: one voided numbered ticket, one live fallback one.
        #expect(try old.query("SELECT voided_numbered, live_fallback FROM day_counts").first.map { [try $0.int(0), try $0.int(1)] } == [1, 1])
        try old.execute("PRAGMA user_version = 9")

        let fixture = try CountsTests.Fixture(path: path)
        #expect(try SQLiteSchema.userVersion(fixture.reader) == SQLiteSchema.version)
        let left = try fixture.reader.query("SELECT type || ' ' || name FROM sqlite_schema WHERE name = 'day_counts' OR sql LIKE '%day_counts%'")
            .map { try $0.text(0) }
        #expect(left.isEmpty, "\(left)")
        let triggers = try fixture.reader.query("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").map { try $0.text(0) }
        #expect(triggers == ["tickets_counted_delete", "tickets_counted_insert", "tickets_counted_update"])
        try CountsTests.expectCountsAgree(fixture, services: ["ktp-el"], context: "after 9 to 10")
        // The triggers still keep the counts as tickets are called.
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        for round in 0..<2 {
            _ = try await fixture.store.callNext(call, staff: "staff", site: "default", now: TestServer.mondayMorning)
            try CountsTests.expectCountsAgree(fixture, services: ["ktp-el"], context: "after 9 to 10, call \(round)")
        }
    }
}
