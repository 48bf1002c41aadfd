import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

/// Issue 18 item 5 on the server: a service's priority series (`prioritySeries` in its site's catalogue)
/// numbers priority tickets from 1 beside its own series, online, by booking, leased and synced, never the
/// same number twice, and with one daily quota for both series.
@Suite("Priority number series on the server")
struct PrioritySeriesTests {
    static let day = TestServer.mondayDay

    /// The sample catalogue with `kartu-keluarga` (prefix DB) given the priority series DBP and a daily quota of 6.
    static func seriesCatalogue(in directory: String) throws -> String {
        let sample = try String(contentsOfFile: TestServer.catalogue, encoding: .utf8)
        let old = #""prefix": "DB", "numberWidth": 3, "dailyQuota": 120"#
        #expect(sample.contains(old))
        let path = directory + "/series-catalogue.json"
        try sample.replacingOccurrences(of: old, with: #""prefix": "DB", "prioritySeries": {"prefix": "DBP"}, "numberWidth": 3, "dailyQuota": 6"#)
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A server with the site `series` on ``seriesCatalogue(in:)``, and a kiosk of it that may claim priority (and its token).
    static func server(_ store: StoreKind) throws -> (TestServer, QueueClient, token: String) {
        let server = try TestServer(store: store)
        let catalogue = try seriesCatalogue(in: server.directory)
        let token = try server.addKiosk("series-k01", mayClaimPriority: true, site: "series", catalogue: catalogue)
        return (server, try server.client(token: token), token)
    }

    static func request(priority: Bool, id: String = TestServer.newID()) -> IssueTicketRequest {
        IssueTicketRequest(
            ticketId: id, serviceId: "kartu-keluarga", issuedAt: TestServer.mondayMorning, clockOffsetMs: 0, language: "id", priority: priority)
    }

    @Test(arguments: StoreKind.allCases) func onlinePriorityTicketsTakeTheirSeriesAndTheQuotaCountsBoth(store: StoreKind) throws {
        let (server, kiosk, _) = try Self.server(store)
        let numbers = try [false, true, true, false].map { try kiosk.issue(Self.request(priority: $0)).number }
        #expect(numbers == ["DB-001", "DBP-001", "DBP-002", "DB-002"], "the general series is not consumed by priority tickets")
        let replay = Self.request(priority: true)
        let first = try kiosk.issue(replay)
        #expect(try kiosk.issue(replay).number == first.number && first.number == "DBP-003", "a replay keeps its number")
        #expect(try kiosk.issue(Self.request(priority: false)).number == "DB-003")
        // Six of six: the quota is the service's, both series together.
        #expect(HostileKioskTests().kind { _ = try kiosk.issue(Self.request(priority: true)) } == "quota-exhausted")
        #expect(HostileKioskTests().kind { _ = try kiosk.issue(Self.request(priority: false)) } == "quota-exhausted")
        // The default site's catalogue has no priority series: its priority tickets take the general one.
        let sample = try server.client().issue(
            IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "kartu-keluarga", issuedAt: TestServer.mondayMorning, clockOffsetMs: 0,
                language: "id", priority: true))
        #expect(sample.number == "DB-001")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func priorityLeasesAreSyncedInTheirSeriesAndNoNumberIsHeldTwice(store: StoreKind) throws {
        let (server, kiosk, _) = try Self.server(store)
        let general = try kiosk.lease(LeaseRequest(serviceId: "kartu-keluarga", day: Self.day, count: 2))
        let priority = try kiosk.lease(LeaseRequest(serviceId: "kartu-keluarga", day: Self.day, count: 2, series: "priority"))
        #expect((general.first, general.last, general.series) == (1, 2, "general"))
        #expect((priority.first, priority.last, priority.series) == (1, 2, "priority"))
        // Four numbers leased of the six: an online priority ticket takes the priority series' third.
        #expect(try kiosk.issue(Self.request(priority: true)).number == "DBP-003")
        let offline = [
            OfflineTicket(ticket: Self.request(priority: true), sequence: 1, number: "DBP-001", day: Self.day),
            OfflineTicket(ticket: Self.request(priority: false), sequence: 1, number: "DB-001", day: Self.day),
            // Sequence 2 is leased in both series, but DB-002 is not the priority series' number, nor is DBP-9 any series' form.
            OfflineTicket(ticket: Self.request(priority: true), sequence: 2, number: "DBP-002", day: Self.day),
            OfflineTicket(ticket: Self.request(priority: true), sequence: 1, number: "DBP-001", day: Self.day),
            OfflineTicket(ticket: Self.request(priority: true), sequence: 3, number: "DBP-003", day: Self.day),
            OfflineTicket(ticket: Self.request(priority: false), sequence: 2, number: "XX-002", day: Self.day),
        ]
        let reply = try kiosk.sync(SyncBatch(tickets: offline))
        #expect(reply.results.map(\.outcome) == [.accepted, .accepted, .accepted, .rejected, .rejected, .rejected])
        #expect(reply.results.map(\.reason) == [nil, nil, nil, "duplicate-number", "not-leased", "number-mismatch"])
        // A series the service does not have is refused.
        #expect(HostileKioskTests().kind {
            _ = try kiosk.lease(LeaseRequest(serviceId: "akta-kematian", day: Self.day, count: 1, series: "priority"))
        } == "invalid-request")
        #expect(HostileKioskTests().kind {
            _ = try kiosk.lease(LeaseRequest(serviceId: "kartu-keluarga", day: Self.day, count: 1, series: "express"))
        } == "invalid-request")
        // 1 online and 3 synced of 6: a lease gets at most the 2 left (reserving none of them); online takes both.
        let last = try kiosk.lease(LeaseRequest(serviceId: "kartu-keluarga", day: Self.day, count: 5, series: "priority"))
        #expect((last.first, last.last) == (4, 5))
        #expect(try kiosk.issue(Self.request(priority: false)).number == "DB-003")
        #expect(try kiosk.issue(Self.request(priority: true)).number == "DBP-006")
        #expect(HostileKioskTests().kind { _ = try kiosk.issue(Self.request(priority: false)) } == "quota-exhausted")
        server.expectContractKept()
    }

    /// PostgreSQL: what the steps to versions 7 (``PostgresCounts``) and 8 did, taken back to version 6's `queue_waiting`.
    static let undoPostgresVersion7 = FallbackFloodTests.undoPostgresVersion8 + " " +
        "DROP FUNCTION queue_counts_keep() CASCADE; DROP TABLE queue_counts; " + PostgresSchema.steps[0].joined(separator: "; ") + ";"

    /// PostgreSQL: what the steps to versions 6 and 7 did (surveys under a keyed hash), taken back to version 5's table.
    static let undoPostgresVersion6 = undoPostgresVersion7 + "DROP TABLE surveys; " + SurveySchema.ByTicketID.postgres.joined(separator: "; ") + ";"

    /// PostgreSQL: what the steps to versions 5 and 6 added, taken away again (a test then sets an earlier version).
    static let undoPostgresVersion5 = undoPostgresVersion6 + """
        ALTER TABLE tickets DROP CONSTRAINT tickets_one_sequence; ALTER TABLE tickets DROP COLUMN series;
        ALTER TABLE tickets ADD UNIQUE (site_id, service_id, day, sequence); ALTER TABLE leases DROP COLUMN series;
        ALTER TABLE sequences DROP CONSTRAINT sequences_pkey; ALTER TABLE sequences DROP COLUMN series;
        ALTER TABLE sequences ADD PRIMARY KEY (site_id, service_id, day);
        """

    /// SQLite: a version-7 database (v4's tables, v5's counts, v6's index and mark, v7's surveys, as their code made them)
    /// keeps its tickets, counts, indexes and triggers at version 8; its numbers are all of the general series.
    @Test func aVersion7SQLiteDatabaseKeepsItsTicketsAsTheGeneralSeries() throws {
        let base = TestServer.mondayMorning - 60_000
        let old: [(id: String, queuedAt: Int64, state: String, sequence: Int?)] = (1...5).map { (TestServer.newID(), base + Int64($0), "waiting", $0) }
        var dependents: [String] = []
        let server = try TestServer { path in
            try CountsMigrationTests.writeVersion4(at: path, tickets: old)
            let database = try SQLiteDatabase(path: path)
            try database.execute(SQLiteCounts.schema + SQLiteCounts.backfill + SQLiteSchema.version6 + SurveySchema.ByTicketID.sqlite + "PRAGMA user_version = 7;")
            dependents = try database.query(
                "SELECT name FROM sqlite_schema WHERE tbl_name = 'tickets' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name"
            ).map { try $0.text(0) }
        }
        let reader = try SQLiteDatabase(path: server.database, readOnly: true)
        #expect(try SQLiteSchema.userVersion(reader) == SQLiteSchema.version)
        #expect(try reader.query("SELECT DISTINCT series FROM tickets").map { try $0.text(0) } == ["general"])
        #expect(try reader.query("SELECT series, next FROM sequences").map { [try $0.text(0), String(try $0.int(1))] } == [["general", "6"]])
        let kept = try reader.query(
            "SELECT name FROM sqlite_schema WHERE tbl_name = 'tickets' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name"
        ).map { try $0.text(0) }
        #expect(kept == dependents && kept.contains("tickets_counted_insert") && kept.contains("tickets_callable"))
        let kiosk = try server.client()
        let next = try kiosk.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning))
        #expect(next.number == "DA-006" && next.peopleAhead == 5, "numbering and the counts' triggers go on")
        let staff = try server.client(token: server.staffToken)
        #expect(try staff.callNext(CallNextRequest(counterId: "L1", serviceIds: ["ktp-el"], day: TestServer.mondayDay))?.ticketId == old[0].id)
        // A site whose catalogue gives a priority series numbers it in the migrated database.
        let catalogue = try Self.seriesCatalogue(in: server.directory)
        let series = try server.client(token: try server.addKiosk("series-k01", mayClaimPriority: true, site: "series", catalogue: catalogue))
        #expect(try series.issue(Self.request(priority: true)).number == "DBP-001")
        server.expectContractKept()
    }

    /// PostgreSQL: a version-4 database (before number series) is brought to version 5 with its tickets in the general series.
    @Test func aVersion4PostgresDatabaseKeepsItsTicketsAsTheGeneralSeries() throws {
        let (server, kiosk, token) = try Self.server(.postgres)
        for priority in [false, true] { _ = try kiosk.issue(Self.request(priority: priority)) }
        server.stop()
        let cluster = try PostgresCluster.shared.get()
        let name = try #require(server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first)
        // Back to version 4: the priority ticket DBP-001 is taken away with its series (version 4 could not hold it).
        _ = try cluster.psql(
            name, "DELETE FROM tickets WHERE series = 'priority'; DELETE FROM sequences WHERE series = 'priority'; "
                + Self.undoPostgresVersion5 + " UPDATE schema_version SET version = 4")
        try server.start()
        #expect(try cluster.psql(name, "SELECT version FROM schema_version") == String(PostgresSchema.version))
        #expect(try cluster.psql(name, "SELECT string_agg(DISTINCT series, ',') FROM tickets") == "general")
        let restarted = try server.client(token: token)
        let numbers = try [true, false, true].map { try restarted.issue(Self.request(priority: $0)).number }
        #expect(numbers == ["DBP-001", "DB-002", "DBP-002"])
        server.expectContractKept()
    }
}
