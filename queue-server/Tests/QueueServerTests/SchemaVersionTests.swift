import Foundation
import KioskLink
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

/// Every earlier schema (Schemas/v1.sql and what each later version added, taken from the code that wrote it) is brought forward by the
/// current server with its data intact; a newer one is refused and left as it was.
@Suite("Schema versions of the server's database")
struct SchemaVersionTests {
    static let oldToken = "old-kiosk-token-0123456789"
    static let oldTicket = "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9"

    /// Version `version`'s tables: v1.sql, then what each later version added (Schemas/vN.sql).
    static func schema(_ version: Int) throws -> String {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas")
        return try (1...version).map { try String(contentsOfFile: directory.appendingPathComponent("v\($0).sql").path, encoding: .utf8) }
            .joined(separator: "\n")
    }

    /// A database as version `version` left it: the sample catalogue, a kiosk token, a waiting ticket
    /// (DA-001 of ktp-el on Monday; its id in upper case, as version 1 stored what kiosks sent) and a booking.
    static func writeOld(_ version: Int, at path: String, duplicateNumber: Bool = false) throws {
        let database = try SQLiteDatabase(path: path)
        try database.execute(try schema(version))
        let catalogue = try String(contentsOfFile: TestServer.catalogue, encoding: .utf8)
        try database.query("INSERT INTO catalogue (id, body, path) VALUES (1, ?, ?)", [.text(catalogue), .text(TestServer.catalogue)])
        try database.query(
            "INSERT INTO credentials (token_hash, principal, role, created_at) VALUES (?, 'old-kiosk', 'kiosk', 1)",
            [.text(SHA256Hex.of(oldToken))])
        if version >= 2 { try database.execute("INSERT INTO kiosks (kiosk_id, mark) VALUES ('old-kiosk', 'K01')") }
        try database.query("INSERT INTO sequences (service_id, day, next) VALUES ('ktp-el', ?, 2)", [.text(TestServer.mondayDay)])
        let id = version == 1 ? oldTicket : oldTicket.lowercased()
        for (ticket, sequence) in [(id, 1)] + (duplicateNumber ? [(TestServer.newID(), 2)] : []) {
            try database.query(
                """
                INSERT INTO tickets (ticket_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
                    clock_offset_ms, queued_at, language, priority, kiosk_id, origin, state, created_at)
                VALUES (?, 'ktp-el', 'ktp-el', 'disdukcapil', ?, ?, 'DA-001', ?, 0, ?, 'id', 0, 'old-kiosk', 'online', 'waiting', 1)
                """,
                [.text(ticket), .text(TestServer.mondayDay), .int(sequence), .integer(TestServer.mondayMorning - 60_000),
                 .integer(TestServer.mondayMorning - 60_000)])
        }
        try database.query(
            "INSERT INTO bookings (code, service_id, day, priority) VALUES ('BK-4321', 'kartu-keluarga', ?, 1)", [.text(TestServer.mondayDay)])
    }

    @Test(arguments: [1, 2, 3])
    func anEarlierSchemaIsBroughtForwardWithItsData(version: Int) throws {
        let server = try TestServer { try Self.writeOld(version, at: $0) }
        let reader = try SQLiteDatabase(path: server.database, readOnly: true)
        #expect(try SQLiteSchema.userVersion(reader) == SQLiteSchema.version)
        // The old ticket, under its lower-case id, keeps its number and place; the old token still works.
        let old = try server.client(token: Self.oldToken)
        let ticket = try old.ticket(Self.oldTicket.lowercased())
        #expect(ticket.number == "DA-001" && ticket.state == .waiting && ticket.peopleAhead == 0)
        // The day's sequence went to the default site: the next number follows the old one.
        let next = try server.client().issue(IssueTicketRequest(
            ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning, clockOffsetMs: 0, language: "id"))
        #expect(next.number == "DA-002" && next.peopleAhead == 1)
        // The old booking is the default site's, and the old kiosk is too.
        let checkedIn = try old.checkIn(CheckInRequest(
            ticketId: TestServer.newID(), bookingCode: "BK-4321", issuedAt: TestServer.mondayMorning, clockOffsetMs: 0, language: "id"))
        #expect(checkedIn.priority && checkedIn.number == "DB-001")
        let staff = try server.client(token: server.staffToken)
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        #expect(try staff.callNext(call)?.ticketId == Self.oldTicket.lowercased())
        server.expectContractKept()
    }

    @Test func aNewerSchemaIsRefusedAndTheFileLeftUntouched() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("queue-newer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/queue.db"
        do {
            let database = try SQLiteDatabase(path: path)
            try database.execute("CREATE TABLE future (x INTEGER); PRAGMA user_version = 99;")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for command in [["serve", "--db", path, "--port", "0"], ["add-token", "--db", path, "--role", "staff", "--id", "s"]] {
            let error = #expect(throws: CheckerError.self) { try TestServer.run(command) }
            #expect(error?.description.contains("schema version 99, newer than this queue-server's (\(SQLiteSchema.version))") == true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["queue.db"])
    }

    @Test func aMigrationThatCannotFinishChangesNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("queue-dup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/queue.db"
        try Self.writeOld(1, at: path, duplicateNumber: true)
        let error = #expect(throws: CheckerError.self) { try TestServer.run(["add-token", "--db", path, "--role", "staff", "--id", "s"]) }
        #expect(error?.description.contains("tickets hold one number twice") == true)
        let database = try SQLiteDatabase(path: path, readOnly: true)
        #expect(try SQLiteSchema.userVersion(database) == 0)
        #expect(try SQLiteMigrations.unversioned(database) == 1)
        #expect(try database.query("SELECT count(*) FROM credentials").first?.int(0) == 1)
    }

    /// A version-3 token of a role version 4 does not know stops the migration with a message naming
    /// the token and its role (not SQLite's "CHECK constraint failed"), and changes nothing.
    @Test func aVersionThreeTokenOfAnUnknownRoleIsNamedAndNothingChanges() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("queue-role-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/queue.db"
        try Self.writeOld(3, at: path)
        do {
            let database = try SQLiteDatabase(path: path)
            // Written past the table's CHECK, as a hand-edited file (or another build) could hold it.
            try database.execute(
                "PRAGMA ignore_check_constraints = ON; INSERT INTO credentials (token_hash, principal, role, created_at) VALUES ('h', 'ops-desk', 'admin', 1)")
        }
        let error = #expect(throws: CheckerError.self) { try TestServer.run(["add-token", "--db", path, "--role", "staff", "--id", "s"]) }
        let said = error?.description ?? ""
        #expect(said.contains("a token of \"ops-desk\" has the role \"admin\"") && !said.contains("constraint"), "\(said)")
        let database = try SQLiteDatabase(path: path, readOnly: true)
        #expect(try SQLiteMigrations.unversioned(database) == 3)
        #expect(try database.query("SELECT count(*) FROM credentials").first?.int(0) == 2)
    }

}
