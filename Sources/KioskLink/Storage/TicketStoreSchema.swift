import KioskCore
import KioskSQLite

/// The ticket ledger's schema versions (tickets.sqlite), and how each earlier file is brought forward.
///
/// - 0: files from before versions: `tickets` with or without `priority`, `booking_code`,
///   `print_reported`; `booking_check_ins` absent, or referencing `tickets`.
/// - 1: every column and table below, and the version recorded.
/// - 2: `tickets.series` (`general` or `priority`, ``NumberSeries``): a sequence is unique per day,
///   service and series, so a service's priority series numbers from 1 beside its general one.
enum TicketStoreSchema {
    static let versions = SchemaVersion(name: "ticket ledger", steps: [toVersion1, toVersion2])

    /// Columns added after the first release, with their SQL type; old rows read them as NULL.
    static let addedColumns = [
        ("priority", "TEXT"), ("booking_code", "TEXT"), ("print_reported", "INTEGER NOT NULL DEFAULT 0"),
    ]

    /// The first release's columns of `tickets`.
    static let firstColumns = """
        id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        sequence INTEGER NOT NULL CHECK (sequence > 0),
        number TEXT NOT NULL,
        issued_at_ms INTEGER NOT NULL,
        language TEXT NOT NULL,
        print_outcome TEXT NOT NULL DEFAULT 'pending',
        failure_reason TEXT
        """

    /// Creates what a new file lacks and adds each of ``addedColumns`` an older `tickets` table lacks.
    static func toVersion1(_ database: SQLiteDatabase) throws {
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS tickets (
                \(firstColumns),
                UNIQUE (day, service_id, sequence)
            );
            CREATE TABLE IF NOT EXISTS booking_check_ins (
                code TEXT PRIMARY KEY,
                -- In tickets on a standalone kiosk; on a linked kiosk the ticket lives in the sync outbox or on the server.
                ticket_id TEXT NOT NULL UNIQUE
            );
            """)
        let existing = Set(
            try database.query("PRAGMA table_info(tickets)").compactMap { row -> String? in
                if case .text(let name) = row[1] { return name }
                return nil
            })
        for (name, type) in addedColumns where !existing.contains(name) {
            try database.execute("ALTER TABLE tickets ADD COLUMN \(name) \(type)")
        }
    }

    /// Rebuilds `tickets` with a `series` column (every earlier ticket is `general`) and its sequence
    /// unique per day, service and series; SQLite cannot change a table's UNIQUE constraint in place.
    static func toVersion2(_ database: SQLiteDatabase) throws {
        let added = addedColumns.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        let kept = "id, day, service_id, agency_id, sequence, number, issued_at_ms, language, print_outcome, failure_reason, "
            + addedColumns.map(\.0).joined(separator: ", ")
        try database.execute(
            """
            CREATE TABLE tickets_v2 (
                \(firstColumns), \(added),
                series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority')),
                UNIQUE (day, service_id, series, sequence)
            );
            INSERT INTO tickets_v2 (\(kept)) SELECT \(kept) FROM tickets;
            DROP TABLE tickets;
            ALTER TABLE tickets_v2 RENAME TO tickets;
            """)
    }
}

extension TicketStore {
    /// The ticket with `id`, as issued (people ahead unknown), or nil when this kiosk has none.
    public func ticket(id: TicketID) throws -> Ticket? {
        let rows = try database.query(
            """
            SELECT service_id, agency_id, day, sequence, number, issued_at_ms, language, priority, booking_code, series
            FROM tickets WHERE id = ?
            """, [.text(id.description)])
        guard let row = rows.first, case .text(let service) = row[0], case .text(let agency) = row[1],
            case .text(let day) = row[2], case .integer(let sequence) = row[3], case .text(let number) = row[4],
            case .integer(let issuedAt) = row[5], case .text(let language) = row[6]
        else { return nil }
        var priority: TicketPriority?
        if case .text(let text) = row[7] { priority = TicketPriority(rawValue: text) }
        var booking: BookingCode?
        if case .text(let text) = row[8] { booking = BookingCode(text) }
        var ticket = Ticket(
            id: id, serviceID: ServiceID(service), agencyID: AgencyID(agency), day: day, sequence: Int(sequence),
            number: number, issuedAt: Timestamp(millisecondsSinceEpoch: issuedAt), peopleAhead: nil,
            language: Language(rawValue: language) ?? .indonesian, priority: priority, bookingCode: booking)
        if case .text(let text) = row[9], let series = NumberSeries(rawValue: text) { ticket.series = series }
        return ticket
    }
}
