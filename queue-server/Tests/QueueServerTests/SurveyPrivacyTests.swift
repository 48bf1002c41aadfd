import Foundation
import KioskLink
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

/// Issue 20, F3: a survey answer is filed under its ticket's keyed hash and the hour, so no query joins it
/// to the ticket's booking code, counter or call time; earlier databases are rewritten so (SQLite v9,
/// PostgreSQL v6) with every IKM figure as it was.
@Suite("Survey privacy: answers under a keyed hash")
struct SurveyPrivacyTests {
    static let monday = TestServer.mondayMorning
    /// The survey table's columns, all of them: a new one must be weighed against F3 before it is added here.
    static let columns = ["ticket_hash", "site_id", "service_id", "day", "answered_hour", "channel"] + (1...9).map { "u\($0)" } + ["suggestion"]

    @Test func theHashIsHMACSHA256UnderTheKey() {
        let key = SurveyKey(bytes: Array(0..<32))
        // python3: hmac.new(bytes(range(32)), b'0f8f…950e', hashlib.sha256).hexdigest()
        #expect(key.hash(ticketID: "0f8fad5b-d9cb-469f-a165-70867728950e") == "0c03550606f3ff9461c387691f42d25e93738007b386bdca023f002e8e345d60")
        #expect(SurveyKey(bytes: Array(1...32)).hash(ticketID: "0f8fad5b-d9cb-469f-a165-70867728950e") != key.hash(ticketID: "0f8fad5b-d9cb-469f-a165-70867728950e"))
    }

    @Test func theKeyFileIsMadeOnceWithMode0600AndABrokenOrOpenOneIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("survey-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let made = try SurveyKey.load(path: path)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try SurveyKey.load(path: path).hash(ticketID: "a") == made.hash(ticketID: "a"), "read back, not made again")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: StorageFailure.self) { try SurveyKey.load(path: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StorageFailure.self) { try SurveyKey.load(path: path) }
    }

    /// Every row `query` answers, through psql or SQLite, as text cells.
    static func rows(_ server: TestServer, _ query: String) throws -> [[String]] {
        switch server.store {
        case .sqlite:
            return try SQLiteDatabase(path: server.database, readOnly: true).query(query).map { row in
                row.map { cell in
                    switch cell {
                    case .integer(let value): String(value)
                    case .text(let text): text
                    case .null: ""
                    }
                }
            }
        case .postgres:
            let output = try PostgresCluster.shared.get().psql(try Self.postgresName(server), query)
            return output.split(separator: "\n", omittingEmptySubsequences: true).map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        }
    }

    static func postgresName(_ server: TestServer) throws -> String {
        try #require(server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first)
    }

    static func keyPath(_ server: TestServer) -> String {
        server.store == .sqlite ? SurveyKey.defaultPath(database: server.database) : server.directory + "/survey-key"
    }

    /// No survey column holds a ticket's id, booking code, number or counter, or an exact moment: nothing to join on.
    @Test(arguments: StoreKind.allCases) func noColumnJoinsAnAnswerToItsTicket(store: StoreKind) throws {
        let server = try TestServer(store: store)
        try TestServer.run(["add-booking"] + server.storeArguments + ["--code", "BK-4242", "--service", "ktp-el", "--day", TestServer.mondayDay])
        let kiosk = try server.client()
        let booked = try kiosk.checkIn(CheckInRequest(ticketId: TestServer.newID(), bookingCode: "BK-4242", issuedAt: Self.monday))
        let staff = try server.client(token: server.staffToken)
        _ = try #require(try staff.callNext(CallNextRequest(counterId: "c1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)))
        _ = try staff.counter(.start, ticketID: booked.ticketId)
        _ = try staff.counter(.done, ticketID: booked.ticketId)
        let plain = try SurveyTests.served(server)
        #expect(try SurveyTests.submit(server, booked.ticketId, SurveyTests.all4).status == 201)
        #expect(try SurveyTests.submit(server, plain, [3, 3, 3, 3, 3, 3, 3, 3, 3], suggestion: "Antrean rapi").status == 201)

        let columnQuery = store == .sqlite
            ? "SELECT name FROM pragma_table_info('surveys') ORDER BY cid"
            : "SELECT column_name FROM information_schema.columns WHERE table_name = 'surveys' ORDER BY ordinal_position"
        #expect(try Self.rows(server, columnQuery).map { $0[0] } == Self.columns)
        if store == .sqlite {
            // No rowid numbers the answers in the order they came.
            #expect((try? Self.rows(server, "SELECT rowid FROM surveys")) == nil)
        }
        let surveys = try Self.rows(server, "SELECT \(SurveySchema.columns) FROM surveys")
        #expect(surveys.count == 2)
        // Its moments as the server took them (issued_at and queued_at are the kiosk's 10:00:00.000 here: the hour itself).
        let tickets = try Self.rows(
            server, "SELECT ticket_id, booking_code, number, counter_id, called_at, started_at, finished_at, created_at FROM tickets")
        let ticketValues = Set(tickets.flatMap { $0 }.filter { !$0.isEmpty })
        let key = try SurveyKey.load(path: Self.keyPath(server))
        for row in surveys {
            #expect(Set(row).isDisjoint(with: ticketValues), "\(row)")
            let hour = try #require(Int64(row[4]))
            #expect(hour % 3_600_000 == 0 && hour == SurveySchema.hour(Self.monday))
            #expect(row[0] != SHA256Hex.of(row[0]))
        }
        // The server (with the key) still knows which row is whose; the hash alone, without the key, tells nothing.
        #expect(Set(surveys.map { $0[0] }) == Set([booked.ticketId, plain].map { key.hash(ticketID: $0) }))
        #expect(Set(surveys.map { $0[0] }).isDisjoint(with: Set([booked.ticketId, plain].map { SHA256Hex.of($0) })))
        // A planted column would fail the CHECK: no minute fits in the hour column.
        let planted = store == .sqlite
            ? (try? SQLiteDatabase(path: server.database).execute("UPDATE surveys SET answered_hour = answered_hour + 60000")) != nil
            : ((try? PostgresCluster.shared.get().psql(try Self.postgresName(server), "UPDATE surveys SET answered_hour = answered_hour + 60000")) != nil)
        #expect(!planted)
        server.expectContractKept()
    }

    /// The first table's rows: (ticket, answered at, answers, suggestion).
    static let oldAnswers: [(offset: Int64, answers: [Int], suggestion: String?)] = [
        (61_234, [4, 3, 4, 2, 4, 3, 3, 4, 1], "Petugas ramah"), (3_599_999, [1, 2, 3, 4, 1, 2, 3, 4, 1], nil),
        (3_600_000, [2, 2, 2, 2, 2, 2, 2, 2, 2], "AC dingin"), (7_654_321, [4, 4, 4, 4, 4, 4, 4, 4, 3], nil),
    ]

    /// Per site and service: answers and sums, read with the report's own query from either table.
    static let tallies = SurveyRows.tallyQuery + " GROUP BY 1, 2 ORDER BY 1, 2"

    /// SQLite: a version-8 database (its surveys by ticket id, to the millisecond) is rewritten at version 9:
    /// the same tallies, IKM and suggestions, hashed ids, whole hours; one survey per ticket still holds.
    @Test func aVersion8SQLiteDatabaseIsRefiledWithTheSameIKM() throws {
        let base = Self.monday - 2 * 3_600_000
        let old: [(id: String, queuedAt: Int64, state: String, sequence: Int?)] = (1...5).map { (TestServer.newID(), base + Int64($0), "done", $0) }
        var before: [[String]] = []
        let server = try TestServer { path in
            try CountsMigrationTests.writeVersion4(at: path, tickets: old)
            let database = try SQLiteDatabase(path: path)
            try database.execute(SQLiteCounts.schema + SQLiteCounts.backfill + SQLiteSchema.version6 + SurveySchema.ByTicketID.sqlite)
            try SQLiteSeriesMigration.apply(database)
            try database.execute("PRAGMA user_version = 8")
            for (ticket, answer) in zip(old, Self.oldAnswers) {
                try database.query(
                    "INSERT INTO surveys (\(SurveySchema.ByTicketID.columns)) VALUES (?, 'default', 'ktp-el', ?, ?, 'kiosk', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [.text(ticket.id), .text(TestServer.mondayDay), .integer(base + answer.offset)] + answer.answers.map { .int($0) }
                        + [.optional(answer.suggestion)])
            }
            before = try database.query(Self.tallies).map { row in row.map { "\($0)" } }
        }
        let reader = try SQLiteDatabase(path: server.database, readOnly: true)
        #expect(try SQLiteSchema.userVersion(reader) == SQLiteSchema.version)
        #expect(try reader.query(Self.tallies).map { row in row.map { "\($0)" } } == before)
        // No old row is left in a free page or the log: a ticket id followed by its survey's site, service and day.
        let files = [server.database, server.database + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }
        for ticket in old {
            let row = Data((ticket.id + "defaultktp-el" + TestServer.mondayDay).utf8)
            #expect(files.allSatisfy { $0.range(of: row) == nil }, "\(ticket.id)")
        }
        try Self.expectRefiled(server, old: old.map(\.id), base: base)
    }

    /// PostgreSQL: a version-5 database (surveys by ticket id) is rewritten at version 6 alike.
    @Test func aVersion5PostgresDatabaseIsRefiledWithTheSameIKM() throws {
        let server = try TestServer(store: .postgres)
        let ids = try Self.oldAnswers.map { _ in try SurveyTests.served(server) }
        server.stop()
        let cluster = try PostgresCluster.shared.get()
        let name = try Self.postgresName(server)
        let base = Self.monday - 2 * 3_600_000
        var rows = ""
        for (id, answer) in zip(ids, Self.oldAnswers) {
            let suggestion = answer.suggestion.map { "'\($0)'" } ?? "NULL"
            rows += "('\(id)', 'default', 'ktp-el', '\(TestServer.mondayDay)', \(base + answer.offset), 'page', \(answer.answers.map(String.init).joined(separator: ", ")), \(suggestion)),"
        }
        _ = try cluster.psql(
            name, PrioritySeriesTests.undoPostgresVersion6 + " UPDATE schema_version SET version = 5; "
                + "INSERT INTO surveys (\(SurveySchema.ByTicketID.columns)) VALUES \(rows.dropLast())")
        let before = try cluster.psql(name, Self.tallies)
        try server.start()
        #expect(try cluster.psql(name, "SELECT version FROM schema_version") == String(PostgresSchema.version))
        #expect(try cluster.psql(name, Self.tallies) == before)
        try Self.expectRefiled(server, old: ids, base: base)
    }

    /// After the rewrite: rows under the hashes of `old` at whole hours, the report's respondents and IKM
    /// those of the answers, the suggestions kept, a replay answered with the first and a second answer refused.
    static func expectRefiled(_ server: TestServer, old: [String], base: Int64) throws {
        let key = try SurveyKey.load(path: Self.keyPath(server))
        let stored = try Self.rows(server, "SELECT ticket_hash, answered_hour FROM surveys")
        #expect(Set(stored.map { $0[0] }) == Set(old.prefix(Self.oldAnswers.count).map { key.hash(ticketID: $0) }))
        #expect(Set(stored.map { $0[1] }) == Set(Self.oldAnswers.map { String(SurveySchema.hour(base + $0.offset)) }))
        // Four answers: the report of the running period counts them (its figures wait for the period's end, F2),
        // and the report's own query sums them as the answers do.
        let report = try SurveyTests.json(try SurveyTests.get(server, "/v1/surveys/report?period=2026-03"))
        #expect((report["sites"] as? [[String: Any]])?.first?["respondents"] as? Int == 4)
        let sums = (0..<9).map { element in String(Self.oldAnswers.map { $0.answers[element] }.reduce(0, +)) }
        #expect(try Self.rows(server, SurveyRows.tallyQuery + " GROUP BY 1, 2") == [["default", "ktp-el", "4"] + sums])
        let suggestions = try Self.rows(server, "SELECT suggestion FROM surveys WHERE suggestion IS NOT NULL").map { $0[0] }
        #expect(Set(suggestions) == ["Petugas ramah", "AC dingin"])
        let replay = try SurveyTests.submit(server, old[0], Self.oldAnswers[0].answers, suggestion: Self.oldAnswers[0].suggestion)
        #expect(replay.status == 200)
        #expect(try SurveyTests.json(replay)["answeredAt"] as? Int == Int(SurveySchema.hour(base + Self.oldAnswers[0].offset)))
        #expect(try SurveyTests.submit(server, old[1], SurveyTests.all4).status == 409)
        server.expectContractKept()
    }
}
