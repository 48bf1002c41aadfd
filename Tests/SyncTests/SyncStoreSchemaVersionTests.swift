import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskSQLite
import Testing

/// Issue 15 item 3 for the sync store (sync.sqlite): every schema an earlier kioskd wrote (taken
/// from its commit) migrates to the current version with its outbox, leases and cache intact; the
/// `printing` table of issue 11 #3 is the step to version 2, the `asked` table the step to 3; a file from a newer kioskd is refused
/// and left byte for byte as it was.
@Suite("Sync store schema versions")
struct SyncStoreSchemaVersionTests {
    private func temporary() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sync-schema-\(UUID().uuidString).sqlite").path
    }

    /// The tables of 2cc3ff9, the first sync store (no version, no `server_mark`).
    static let firstTables = """
        CREATE TABLE leases (
            lease_id TEXT PRIMARY KEY, service_id TEXT NOT NULL, day TEXT NOT NULL,
            first INTEGER NOT NULL, last INTEGER NOT NULL, next INTEGER NOT NULL,
            CHECK (first <= next AND next <= last + 1));
        CREATE INDEX leases_by_service ON leases (service_id, day, first);
        CREATE TABLE fallback_counts (
            service_id TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (service_id, day));
        CREATE TABLE outbox (
            position INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('ticket', 'print')), body TEXT NOT NULL);
        CREATE UNIQUE INDEX outbox_one_ticket ON outbox (ticket_id) WHERE kind = 'ticket';
        CREATE TABLE rejected (
            ticket_id TEXT PRIMARY KEY, body TEXT NOT NULL, reason TEXT NOT NULL, rejected_at_ms INTEGER NOT NULL);
        CREATE TABLE catalogue_cache (id INTEGER PRIMARY KEY CHECK (id = 1), etag TEXT NOT NULL, body BLOB NOT NULL);
        """
    static let serverMark = "CREATE TABLE server_mark (id INTEGER PRIMARY KEY CHECK (id = 1), mark TEXT NOT NULL);"

    /// Every earlier layout, by the commit that wrote it: unversioned (0), then versions 1 and 2.
    static let earlier: [(name: String, sql: String)] = [
        ("2cc3ff9 first sync store", firstTables),
        ("e2f27cf server-assigned fallback mark", firstTables + serverMark),
        ("version 1 (before the printing table)", firstTables + serverMark + "PRAGMA user_version = 1;"),
        ("version 2 (before the asked table)", firstTables + serverMark + printingTable + "PRAGMA user_version = 2;"),
        ("version 3 (before the survey outbox)", firstTables + serverMark + printingTable + askedTable + "PRAGMA user_version = 3;"),
        ("version 4 (before lease series)", firstTables + serverMark + printingTable + askedTable + surveyTable + "PRAGMA user_version = 4;"),
    ]
    static let surveyTable = "CREATE TABLE survey_outbox (ticket_id TEXT PRIMARY KEY, body TEXT NOT NULL, kept_at_ms INTEGER NOT NULL);"
    static let askedTable = "CREATE TABLE asked (ticket_id TEXT PRIMARY KEY, asked_at_ms INTEGER NOT NULL);"
    static let printingTable = "CREATE TABLE printing (ticket_id TEXT PRIMARY KEY, started_at_ms INTEGER NOT NULL);"


    @Test(arguments: earlier.indices)
    func everyEarlierSchemaMigratesWithItsOutboxLeasesAndCache(index: Int) throws {
        let (name, sql) = Self.earlier[index]
        let path = temporary()
        let id = "0f0e0d0c-0b0a-4908-8706-050403020100"
        do {
            let old = try SQLiteDatabase(path: path)
            try old.execute(sql)
            // An outbox entry as the first kioskd wrote it: no `day`.
            let body = #"{"number":"OD-041","printed":true,"sequence":41,"ticket":{"clockOffsetMs":0,"issuedAt":5,"language":"id","priority":false,"serviceId":"meterai","ticketId":"\#(id)"}}"#
            try old.query("INSERT INTO outbox (ticket_id, kind, body) VALUES (?, 'ticket', ?)", [.text(id), .text(body)])
            try old.execute("INSERT INTO leases VALUES ('l1', 'meterai', '2026-03-02', 41, 45, 42)")
            try old.execute("INSERT INTO catalogue_cache VALUES (1, '\"v7\"', '{}')")
        }
        let store = try SyncStore(path: path)
        let version = try SQLiteDatabase(path: path, readOnly: true).query("PRAGMA user_version").first?.first
        #expect(version == .integer(5), "\(name)")
        let entries = try store.oldest(10)
        guard entries.count == 1, case .ticket(_, let ticket) = entries[0] else {
            Issue.record("\(name): outbox \(entries)")
            return
        }
        #expect(ticket.ticket.ticketId == id && ticket.number == "OD-041" && ticket.day == nil, "\(name)")
        #expect(try store.leasedNumbersLeft(day: "2026-03-02") == 4, "\(name)")
        #expect(try store.leasedNumbersLeft(service: ServiceID("meterai"), day: "2026-03-02", series: .priority) == 0, "\(name): an old lease is general")
        #expect(try store.cachedCatalogue()?.etag == "\"v7\"", "\(name)")
        #expect(try store.fallbackMark() == nil, "\(name): no mark until the server assigns one, never the id's tail")
        try store.markAsked(id, at: 1)
        try store.markPrinting(id, at: 1)
        #expect(try store.printing() == [id], "\(name): the printing table exists")
        try store.recordPrintOutcome(ticketID: id, .printed)
        #expect(try store.printing().isEmpty)
        #expect(try store.settleInterruptedPrints(reason: "none") == ([], []), "\(name): the asked table exists and was cleared")
        let surveys = SurveyOutbox(store: store)
        let upload = SurveyUpload(answers: [4, 4, 4, 4, 4, 4, 4, 4, 4], suggestion: nil, answeredAt: 5, clockOffsetMs: 0)
        #expect(try surveys.keep(upload, ticketID: id, at: 1) == .kept, "\(name): the survey outbox exists")
        #expect(try surveys.waiting().map(\.upload) == [upload])
        #expect(try SyncStore(path: path).integrityCheck() == "ok")
    }

    @Test func aSyncStoreFromANewerKioskdIsRefusedAndLeftUntouched() throws {
        let path = temporary()
        do {
            let newer = try SQLiteDatabase(path: path)
            try newer.execute("CREATE TABLE outbox (position INTEGER PRIMARY KEY, future BLOB); PRAGMA user_version = 6;")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let refusal = try #require(throws: SchemaTooNew.self) { try SyncStore(path: path) }
        #expect(refusal.found == 6 && refusal.known == 5 && refusal.description.contains("sync store \(path)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
