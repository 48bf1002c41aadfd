import KioskCore
import KioskSQLite

/// How printing of a recorded ticket went.
public enum PrintOutcome: String, Sendable, Hashable {
    /// Recorded, not yet printed. A ticket still pending when kioskd starts (it stopped while
    /// printing) is marked uncertain.
    case pending
    case printed
    /// Issued and recorded, but no paper came out (the printer said so, or never got the bytes).
    case failed
    /// Issued and recorded; the bytes left but the printer did not confirm the ticket in time, so
    /// a ticket may or may not have come out. Staff confirm it.
    case uncertain
    /// Issued while the printer could not print, shown on screen only (the operator allows it).
    case screenOnly = "screen-only"
}

/// A ticket as the store holds it.
public struct StoredTicket: Sendable, Hashable {
    public var id: String
    public var serviceID: ServiceID
    public var day: String
    public var sequence: Int
    public var number: String
    public var issuedAt: Timestamp
    public var outcome: PrintOutcome
    public var failureReason: String?
}

/// The kiosk's durable ticket record and standalone numbering, in SQLite (WAL, synchronous=FULL).
///
/// A ticket is recorded, and fsync'd, before it is printed; a (day, service, series, sequence) can be
/// recorded once only, so a number can never be issued twice in a day, across restarts and kills.
public final class TicketStore {
    let database: SQLiteDatabase

    /// Opens or creates the store at `path`, bringing an older file's schema forward; refuses (and leaves
    /// untouched) a file written by a newer kioskd.
    public init(path: String) throws {
        database = try SQLiteDatabase(path: path)
        try TicketStoreSchema.versions.refuseNewer(database)
        // A page cache of 256 KiB instead of SQLite's 2 MiB: the ledger grows by a day's tickets, the kernel's page cache
        // keeps the file anyway, and kioskd's resident memory is a product figure (README).
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -256;")
        try TicketStoreSchema.versions.migrate(database)
    }

    /// Records `ticket` durably. Throws if its id or its number for the day was recorded before.
    public func record(_ ticket: Ticket) throws {
        try database.query(
            """
            INSERT INTO tickets (id, day, service_id, agency_id, series, sequence, number, issued_at_ms, language,
                priority, booking_code)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(ticket.id.description), .text(ticket.day), .text(ticket.serviceID.rawValue),
                .text(ticket.agencyID.rawValue), .text(ticket.series.rawValue), .integer(Int64(ticket.sequence)), .text(ticket.number),
                .integer(ticket.issuedAt.millisecondsSinceEpoch), .text(ticket.language.rawValue),
                ticket.priority.map { .text($0.rawValue) } ?? .null,
                ticket.bookingCode.map { .text($0.description) } ?? .null,
            ])
    }

    /// Records `ticket` as issued for booking `code`, in one transaction with the ticket, so a
    /// booking checks in once only. Throws if either was recorded before.
    public func record(_ ticket: Ticket, checkingIn code: BookingCode) throws {
        try database.execute("BEGIN IMMEDIATE")
        do {
            try record(ticket)
            try recordCheckIn(code, ticket: ticket.id)
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Records that booking `code` checked in as ticket `id`, which is kept elsewhere (a linked
    /// kiosk's tickets are durable on the server or in its outbox). Throws if the booking checked in before.
    public func recordCheckIn(_ code: BookingCode, ticket id: TicketID) throws {
        try database.query(
            "INSERT INTO booking_check_ins (code, ticket_id) VALUES (?, ?)", [.text(code.description), .text(id.description)])
    }

    /// The id of the ticket booking `code` checked in with, if it has.
    public func ticket(checkedInWith code: BookingCode) throws -> String? {
        let rows = try database.query("SELECT ticket_id FROM booking_check_ins WHERE code = ?", [.text(code.description)])
        if case .text(let id) = rows.first?.first { return id }
        return nil
    }

    /// Records how printing of ticket `id` went.
    public func setOutcome(_ outcome: PrintOutcome, for id: TicketID, reason: String? = nil) throws {
        try database.query(
            "UPDATE tickets SET print_outcome = ?, failure_reason = ? WHERE id = ?",
            [.text(outcome.rawValue), reason.map(SQLValue.text) ?? .null, .text(id.description)])
    }

    /// The highest sequence recorded on `day` in `series`, per service: where numbering resumes after a restart.
    public func lastSequences(day: String, series: NumberSeries = .general) throws -> [ServiceID: Int] {
        let rows = try database.query(
            "SELECT service_id, MAX(sequence) FROM tickets WHERE day = ? AND series = ? GROUP BY service_id",
            [.text(day), .text(series.rawValue)])
        var result: [ServiceID: Int] = [:]
        for row in rows {
            if case .text(let service) = row[0], case .integer(let sequence) = row[1] {
                result[ServiceID(service)] = Int(sequence)
            }
        }
        return result
    }

    /// Every ticket recorded on `day`, in issue order.
    public func tickets(day: String) throws -> [StoredTicket] {
        let rows = try database.query(
            """
            SELECT id, service_id, day, sequence, number, issued_at_ms, print_outcome, failure_reason
            FROM tickets WHERE day = ? ORDER BY issued_at_ms, service_id, sequence
            """, [.text(day)])
        return rows.compactMap(Self.storedTicket)
    }

    /// A `SELECT id, service_id, day, sequence, number, issued_at_ms, print_outcome, failure_reason` row.
    static func storedTicket(_ row: [SQLValue]) -> StoredTicket? {
        guard case .text(let id) = row[0], case .text(let service) = row[1], case .text(let day) = row[2],
            case .integer(let sequence) = row[3], case .text(let number) = row[4],
            case .integer(let issuedAt) = row[5], case .text(let outcome) = row[6]
        else { return nil }
        var reason: String?
        if case .text(let text) = row[7] { reason = text }
        return StoredTicket(
            id: id, serviceID: ServiceID(service), day: day, sequence: Int(sequence), number: number,
            issuedAt: Timestamp(millisecondsSinceEpoch: issuedAt),
            outcome: PrintOutcome(rawValue: outcome) ?? .pending, failureReason: reason)
    }

    /// SQLite's own consistency check; "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        let rows = try database.query("PRAGMA integrity_check")
        return rows.compactMap { row -> String? in
            if case .text(let text) = row.first { return text }
            return nil
        }.joined(separator: "; ")
    }
}
