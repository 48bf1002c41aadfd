import Glibc
import KioskCore
import KioskSQLite
import Testing

@testable import KioskLink

/// Issue 18 item 5 in the standalone kiosk's ledger: a service's priority series numbers from 1 beside its
/// general series, durably (schema version 2), and a version-1 file keeps its tickets as general ones.
@Suite("Ticket ledger number series")
struct LedgerSeriesTests {
    private static func temporaryPath() -> String {
        var template = Array("/tmp/ledger-series-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) } + "/tickets.sqlite"
    }

    private static func ticket(_ byte: UInt8, sequence: Int, series: NumberSeries) -> Ticket {
        var ticket = Ticket(
            id: TicketID(randomBytes: [UInt8](repeating: byte, count: 16)), serviceID: ServiceID("ktp-el"),
            agencyID: AgencyID("disdukcapil"), day: "2026-12-01", sequence: sequence,
            number: (series == .priority ? "AP-00" : "A-00") + String(sequence),
            issuedAt: Timestamp(secondsSinceEpoch: 1_796_091_300), peopleAhead: nil, language: .indonesian,
            priority: series == .priority ? .elderly : nil)
        ticket.series = series
        return ticket
    }

    @Test func eachSeriesHasItsOwnSequenceAcrossAReopen() throws {
        let path = Self.temporaryPath()
        do {
            let store = try TicketStore(path: path)
            try store.record(Self.ticket(1, sequence: 1, series: .general))
            try store.record(Self.ticket(2, sequence: 1, series: .priority))
            try store.record(Self.ticket(3, sequence: 2, series: .general))
            #expect(throws: DatabaseError.self, "a number is recorded once per series") {
                try store.record(Self.ticket(4, sequence: 1, series: .priority))
            }
        }
        let reopened = try TicketStore(path: path)
        #expect(try reopened.lastSequences(day: "2026-12-01") == [ServiceID("ktp-el"): 2])
        #expect(try reopened.lastSequences(day: "2026-12-01", series: .priority) == [ServiceID("ktp-el"): 1])
        #expect(try reopened.ticket(id: Self.ticket(2, sequence: 1, series: .priority).id) == Self.ticket(2, sequence: 1, series: .priority))
        #expect(try reopened.tickets(day: "2026-12-01").map(\.number) == ["A-001", "AP-001", "A-002"])
    }

    /// The ledger as kioskd wrote it at version 1 (commit 7a19bae): the first table, its later columns added.
    private static let version1 = """
        CREATE TABLE tickets (
            id TEXT PRIMARY KEY, day TEXT NOT NULL, service_id TEXT NOT NULL, agency_id TEXT NOT NULL,
            sequence INTEGER NOT NULL CHECK (sequence > 0), number TEXT NOT NULL, issued_at_ms INTEGER NOT NULL,
            language TEXT NOT NULL, print_outcome TEXT NOT NULL DEFAULT 'pending', failure_reason TEXT,
            UNIQUE (day, service_id, sequence));
        ALTER TABLE tickets ADD COLUMN priority TEXT;
        ALTER TABLE tickets ADD COLUMN booking_code TEXT;
        ALTER TABLE tickets ADD COLUMN print_reported INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE booking_check_ins (code TEXT PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE);
        PRAGMA user_version = 1;
        """

    @Test func aVersion1LedgerKeepsItsTicketsAsGeneralOnes() throws {
        let path = Self.temporaryPath()
        let old = Self.ticket(1, sequence: 1, series: .general)
        do {
            let database = try SQLiteDatabase(path: path)
            try database.execute(Self.version1)
            try database.execute(
                """
                INSERT INTO tickets (id, day, service_id, agency_id, sequence, number, issued_at_ms, language, print_outcome, print_reported)
                VALUES ('\(old.id)', '2026-12-01', 'ktp-el', 'disdukcapil', 1, 'A-001', 1796091300000, 'id', 'failed', 0);
                INSERT INTO booking_check_ins (code, ticket_id) VALUES ('\(BookingCode(symbols: "7QH2M9XKD4")!.description)', '\(old.id)');
                """)
        }
        let store = try TicketStore(path: path)
        #expect(try SchemaVersion.version(of: store.database) == 2)
        #expect(try store.ticket(id: old.id) == old)
        #expect(try store.tickets(day: "2026-12-01").map(\.outcome) == [.failed])
        #expect(try store.unreportedPrintFailures().map(\.number) == ["A-001"])
        #expect(try store.ticket(checkedInWith: BookingCode(symbols: "7QH2M9XKD4")!) == old.id.description)
        try store.record(Self.ticket(2, sequence: 1, series: .priority))
        #expect(try store.lastSequences(day: "2026-12-01", series: .priority) == [ServiceID("ktp-el"): 1])
        #expect(try store.integrityCheck() == "ok")
    }
}
