import Glibc
import KioskCore
import KioskSQLite
import Testing

@testable import KioskLink

/// Issue 15 item 3 for the ticket ledger (tickets.sqlite): every schema an earlier kioskd wrote
/// (taken from its commit) migrates to the current version and keeps its tickets; a file from a
/// newer kioskd is refused and left byte for byte as it was.
@Suite("Ticket ledger schema versions")
struct LedgerSchemaVersionTests {
    private static func temporaryPath() -> String {
        var template = Array("/tmp/ledger-schema-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) } + "/tickets.sqlite"
    }

    private static let base = """
        id TEXT PRIMARY KEY, day TEXT NOT NULL, service_id TEXT NOT NULL, agency_id TEXT NOT NULL,
        sequence INTEGER NOT NULL CHECK (sequence > 0), number TEXT NOT NULL, issued_at_ms INTEGER NOT NULL,
        language TEXT NOT NULL, print_outcome TEXT NOT NULL DEFAULT 'pending', failure_reason TEXT
        """

    /// The unversioned (user_version 0) layouts, by the commit that wrote them.
    static let unversioned: [(commit: String, sql: String)] = [
        ("6da7716 first ledger", "CREATE TABLE tickets (\(base), UNIQUE (day, service_id, sequence));"),
        ("e25ea40 bookings", """
            CREATE TABLE tickets (\(base), UNIQUE (day, service_id, sequence));
            CREATE TABLE booking_check_ins (code TEXT PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets (id));
            """),
        ("d6ae280 priority and booking columns", """
            CREATE TABLE tickets (\(base), priority TEXT, booking_code TEXT, UNIQUE (day, service_id, sequence));
            CREATE TABLE booking_check_ins (code TEXT PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets (id));
            """),
        ("b805412 print_reported, check-ins of linked kiosks", """
            CREATE TABLE tickets (
                \(base), priority TEXT, booking_code TEXT, print_reported INTEGER NOT NULL DEFAULT 0,
                UNIQUE (day, service_id, sequence));
            CREATE TABLE booking_check_ins (code TEXT PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE);
            """),
    ]

    private static func ticket(_ byte: UInt8, priority: TicketPriority? = nil) -> Ticket {
        Ticket(
            id: TicketID(randomBytes: [UInt8](repeating: byte, count: 16)), serviceID: ServiceID("ktp-el"),
            agencyID: AgencyID("disdukcapil"), day: "2026-12-01", sequence: Int(byte), number: "A-00\(byte)",
            issuedAt: Timestamp(secondsSinceEpoch: 1_796_091_300), peopleAhead: nil, language: .english, priority: priority)
    }

    @Test(arguments: unversioned.indices)
    func everyEarlierSchemaMigratesAndKeepsItsTickets(index: Int) throws {
        let (commit, sql) = Self.unversioned[index]
        let path = Self.temporaryPath()
        do {
            let old = try SQLiteDatabase(path: path)
            try old.execute(sql)
            try old.execute(
                """
                INSERT INTO tickets (id, day, service_id, agency_id, sequence, number, issued_at_ms, language, print_outcome)
                VALUES ('\(Self.ticket(1).id)', '2026-12-01', 'ktp-el', 'disdukcapil', 1, 'A-001', 1796091300000, 'en', 'printed');
                """)
        }
        let store = try TicketStore(path: path)
        #expect(try SchemaVersion.version(of: store.database) == TicketStoreSchema.versions.current, "\(commit)")
        #expect(try store.ticket(id: Self.ticket(1).id) == Self.ticket(1), "\(commit)")
        #expect(try store.tickets(day: "2026-12-01").map(\.outcome) == [.printed], "\(commit)")
        let code = BookingCode(symbols: "7QH2M9XKD4")!
        try store.record(Self.ticket(2, priority: .elderly), checkingIn: code)
        try store.setOutcome(.failed, for: Self.ticket(2).id, reason: "paperOut")
        #expect(try store.ticket(id: Self.ticket(2).id)?.priority == .elderly, "\(commit)")
        #expect(try store.unreportedPrintFailures().map(\.number) == ["A-002"], "\(commit)")
        #expect(try store.lastSequences(day: "2026-12-01") == [ServiceID("ktp-el"): 2], "\(commit)")
        #expect(try TicketStore(path: path).integrityCheck() == "ok", "reopening a current file changes nothing")
    }

    @Test func aNewFileStartsAtTheCurrentVersion() throws {
        let store = try TicketStore(path: Self.temporaryPath())
        #expect(try SchemaVersion.version(of: store.database) == 2)
    }

    @Test func aLedgerFromANewerKioskdIsRefusedAndLeftUntouched() throws {
        let path = Self.temporaryPath()
        do {
            let newer = try SQLiteDatabase(path: path)
            try newer.execute(
                "CREATE TABLE tickets (id TEXT PRIMARY KEY, future TEXT); INSERT INTO tickets VALUES ('x', 'y'); PRAGMA user_version = 7;")
        }
        let before = try #require(Self.contents(path))
        let refusal = try #require(throws: SchemaTooNew.self) { try TicketStore(path: path) }
        #expect(refusal.found == 7 && refusal.known == 2)
        #expect(refusal.description.contains(path) && refusal.description.contains("newer kioskd") && refusal.description.contains("untouched"))
        #expect(Self.contents(path) == before, "the file was changed")
        #expect(access(path + "-wal", F_OK) != 0, "no journal was started on it")
    }

    static func contents(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { return bytes }
            bytes += buffer[0..<count]
        }
    }
}
