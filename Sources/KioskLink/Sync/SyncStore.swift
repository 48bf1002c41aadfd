import FoundationEssentials
import KioskCore
import KioskProtocol
import KioskSQLite

/// A ticket the kiosk issued without the server's answer, as it must be printed.
public struct OfflineIssue: Sendable, Hashable {
    public var ticket: OfflineTicket
    /// True when no lease was left and the number is from the kiosk-marked series.
    public var isFallback: Bool { ticket.sequence == nil }
}

/// One thing the server must hear, oldest first.
public enum OutboxEntry: Sendable, Hashable {
    /// An offline ticket (its `printed` flag is kept up to date until it is sent).
    case ticket(position: Int64, OfflineTicket)
    /// The print outcome of a ticket the server already holds.
    case printOutcome(position: Int64, ticketID: String, PrintReport)

    public var position: Int64 {
        switch self {
        case .ticket(let position, _), .printOutcome(let position, _, _): position
        }
    }
}

/// A ticket the server refused at sync, kept for a person to look at.
public struct RejectedTicket: Sendable, Hashable {
    public var ticket: OfflineTicket
    public var reason: String
}

/// The kiosk's durable sync state in SQLite (WAL, synchronous=FULL): leases, the outbox,
/// rejected tickets and the catalogue cache.
///
/// Every offline ticket and print outcome is committed (fsync'd) here before the caller prints or
/// acknowledges anything, and leaves the outbox only when the server has acknowledged it.
public final class SyncStore {
    let database: SQLiteDatabase

    /// Opens or creates the store at `path`, bringing an older file's schema forward; refuses (and leaves untouched)
    /// a file written by a newer kioskd. (Its fallback numbers carry the server's mark, not the kiosk id's tail.)
    public init(path: String) throws {
        database = try SQLiteDatabase(path: path)
        try SyncStoreSchema.versions.refuseNewer(database)
        // secure_delete: a survey answer removed from the outbox leaves no bytes behind (``SurveyOutbox/remove(_:)``); a
        // 256 KiB page cache, not SQLite's 2 MiB (kioskd's resident memory is a product figure; the kernel caches the file).
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA cache_size = -256;")
        try SyncStoreSchema.versions.migrate(database)
    }

    // MARK: Issuing offline

    /// Numbers `request` from a lease of `service` on `day` in its series (the priority series for a priority
    /// ticket of a service that has one), or from the kiosk-marked series when none is left, and commits it to the outbox. Issuing the same ticket id again returns the first answer.
    /// Throws ``OfflineNumbering/NoMark`` when no lease is left and the server has not assigned a mark yet, and
    /// ``OfflineNumbering/QuotaReached`` when a daily quota of the service's fallback numbers was numbered that day.
    public func issueOffline(_ request: IssueTicketRequest, service: Service, day: String) throws -> OfflineIssue {
        try transaction {
            if let known = try storedTicket(request.ticketId) { return OfflineIssue(ticket: known) }
            let offline: OfflineTicket
            let series = service.series(priority: request.priority)
            let rows = try database.query(
                "SELECT lease_id, next FROM leases WHERE service_id = ? AND day = ? AND series = ? AND next <= last ORDER BY first LIMIT 1",
                [.text(service.id.rawValue), .text(day), .text(series.rawValue)])
            if let row = rows.first, case .text(let lease) = row[0], case .integer(let next) = row[1] {
                try database.query("UPDATE leases SET next = next + 1 WHERE lease_id = ?", [.text(lease)])
                let sequence = Int(next)
                offline = OfflineTicket(
                    ticket: request, sequence: sequence, number: Ticket.number(for: service, sequence: sequence, series: series), day: day)
            } else {
                guard let mark = try fallbackMark() else { throw OfflineNumbering.NoMark() }
                let numbered = try count(
                    "SELECT coalesce(max(count), 0) FROM fallback_counts WHERE service_id = ? AND day = ?", [.text(service.id.rawValue), .text(day)])
                if let quota = service.dailyQuota, numbered >= quota { throw OfflineNumbering.QuotaReached(quota: quota) }
                let count = try database.query(
                    """
                    INSERT INTO fallback_counts (service_id, day, count) VALUES (?, ?, 1)
                    ON CONFLICT (service_id, day) DO UPDATE SET count = count + 1 RETURNING count
                    """, [.text(service.id.rawValue), .text(day)]
                ).first.flatMap { row -> Int? in if case .integer(let n) = row[0] { Int(n) } else { nil } } ?? 1
                offline = OfflineTicket(
                    ticket: request, sequence: nil, number: OfflineNumbering.fallbackNumber(for: service, mark: mark, count: count),
                    day: day)
            }
            try database.query(
                "INSERT INTO outbox (ticket_id, kind, body) VALUES (?, 'ticket', ?)", [.text(request.ticketId), .text(try Self.json(offline))])
            return OfflineIssue(ticket: offline)
        }
    }

    // MARK: Outbox

    /// Up to `limit` outbox entries, oldest first.
    public func oldest(_ limit: Int) throws -> [OutboxEntry] {
        try database.query("SELECT position, ticket_id, kind, body FROM outbox ORDER BY position LIMIT ?", [.integer(Int64(limit))])
            .map { row in
                guard case .integer(let position) = row[0], case .text(let id) = row[1], case .text(let kind) = row[2],
                    case .text(let body) = row[3]
                else { throw SyncStoreError("outbox row has unexpected columns") }
                if kind == "ticket" { return .ticket(position: position, try Self.decode(OfflineTicket.self, body)) }
                return .printOutcome(position: position, ticketID: id, try Self.decode(PrintReport.self, body))
            }
    }

    /// Entries waiting for the server.
    public func outboxDepth() throws -> Int { try count("SELECT count(*) FROM outbox") }

    /// Removes what the server acknowledged; moves rejected tickets to the rejected list with their reason.
    public func acknowledge(_ results: [SyncResult], at now: Int64) throws {
        try transaction {
            for result in results {
                if result.outcome == .rejected, let ticket = try storedTicket(result.ticketId) {
                    try database.query(
                        "INSERT OR REPLACE INTO rejected (ticket_id, body, reason, rejected_at_ms) VALUES (?, ?, ?, ?)",
                        [.text(result.ticketId), .text(try Self.json(ticket)), .text(result.reason ?? "unknown"), .integer(now)])
                }
                try database.query("DELETE FROM outbox WHERE ticket_id = ? AND kind = 'ticket'", [.text(result.ticketId)])
            }
        }
    }

    /// Removes one print-outcome entry the server acknowledged (or refused with a reason, logged by the caller).
    public func removeEntry(at position: Int64) throws {
        try database.query("DELETE FROM outbox WHERE position = ?", [.integer(position)])
    }

    /// Tickets the server refused, oldest first.
    public func rejected() throws -> [RejectedTicket] {
        try database.query("SELECT body, reason FROM rejected ORDER BY rejected_at_ms, ticket_id").map { row in
            guard case .text(let body) = row[0], case .text(let reason) = row[1] else { throw SyncStoreError("rejected row has unexpected columns") }
            return RejectedTicket(ticket: try Self.decode(OfflineTicket.self, body), reason: reason)
        }
    }

    // MARK: Leases

    /// The mark fallback numbers carry: the server's, once a lease brought one; nil before (no fallback number then).
    public func fallbackMark() throws -> String? {
        if case .text(let mark) = try database.query("SELECT mark FROM server_mark WHERE id = 1").first?.first { return mark }
        return nil
    }

    /// Keeps `lease` for offline issuing (in its series; a series this kioskd does not know is not kept), and the
    /// fallback mark it carries (1–10 of A–Z, 0–9).
    public func addLease(_ lease: Lease) throws {
        if let mark = lease.fallbackMark, (1...10).contains(mark.utf8.count),
            mark.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) })
        {
            try database.query("INSERT OR REPLACE INTO server_mark (id, mark) VALUES (1, ?)", [.text(mark)])
        }
        guard let series = NumberSeries(rawValue: lease.series ?? NumberSeries.general.rawValue) else { return }
        try database.query(
            "INSERT OR IGNORE INTO leases (lease_id, service_id, day, series, first, last, next) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(lease.leaseId), .text(lease.serviceId), .text(lease.day), .text(series.rawValue), .integer(Int64(lease.first)),
             .integer(Int64(lease.last)), .integer(Int64(lease.first))])
    }

    /// Leased numbers of `service` on `day` in `series` not used yet.
    public func leasedNumbersLeft(service: ServiceID, day: String, series: NumberSeries = .general) throws -> Int {
        try count(
            "SELECT coalesce(sum(last + 1 - next), 0) FROM leases WHERE service_id = ? AND day = ? AND series = ?",
            [.text(service.rawValue), .text(day), .text(series.rawValue)])
    }

    /// Leased numbers of `day` in `series` not used yet, by service (a service without a lease left out): one query
    /// for a link round's every service, where ``leasedNumbersLeft(service:day:series:)`` for each took 152.
    public func leasedNumbersLeftByService(day: String, series: NumberSeries = .general) throws -> [ServiceID: Int] {
        // Added up here, not by GROUP BY: its sorter cost 4 times the scan (a link round asks this every time).
        var left: [ServiceID: Int] = [:]
        for row in try database.query(
            "SELECT service_id, last + 1 - next FROM leases WHERE day = ? AND series = ?", [.text(day), .text(series.rawValue)])
        {
            guard case .text(let service) = row[0], case .integer(let numbers) = row[1] else { continue }
            let (sum, overflow) = left[ServiceID(service), default: 0].addingReportingOverflow(Int(clamping: numbers))
            left[ServiceID(service)] = overflow ? Int.max : sum
        }
        return left
    }

    /// Leased numbers not used yet, all services of `day`.
    public func leasedNumbersLeft(day: String) throws -> Int {
        try count("SELECT coalesce(sum(last + 1 - next), 0) FROM leases WHERE day = ?", [.text(day)])
    }

    /// Whether this kiosk can number offline on `day`: a leased number is left or the server gave it a fallback
    /// mark. A store that cannot be read numbers nothing offline either.
    public func canNumberOffline(day: String) -> Bool {
        ((try? fallbackMark()) ?? nil) != nil || ((try? leasedNumbersLeft(day: day)) ?? 0) > 0
    }

    /// Forgets the leases of days before `day` (their numbers are void once the day is over).
    public func expireLeases(before day: String) throws {
        try database.query("DELETE FROM leases WHERE day < ?", [.text(day)])
        try database.query("DELETE FROM fallback_counts WHERE day < ?", [.text(day)])
    }

    // MARK: Catalogue cache

    /// The last catalogue fetched and its ETag.
    public func cachedCatalogue() throws -> CatalogueFetch? {
        guard let row = try database.query("SELECT etag, body FROM catalogue_cache WHERE id = 1").first,
            case .text(let etag) = row[0], case .text(let body) = row[1]
        else { return nil }
        return CatalogueFetch(bytes: Array(body.utf8), etag: etag)
    }

    /// Replaces the cached catalogue.
    public func cacheCatalogue(_ fetch: CatalogueFetch) throws {
        try database.query(
            "INSERT OR REPLACE INTO catalogue_cache (id, etag, body) VALUES (1, ?, ?)",
            [.text(fetch.etag), .text(String(decoding: fetch.bytes, as: UTF8.self))])
    }

    /// SQLite's own consistency check; "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try database.query("PRAGMA integrity_check").compactMap { row -> String? in
            if case .text(let text) = row.first { return text }
            return nil
        }.joined(separator: "; ")
    }

    // MARK: Plumbing

    func storedTicket(_ id: String) throws -> OfflineTicket? {
        guard let row = try database.query("SELECT body FROM outbox WHERE ticket_id = ? AND kind = 'ticket'", [.text(id)]).first,
            case .text(let body) = row[0]
        else { return nil }
        return try Self.decode(OfflineTicket.self, body)
    }

    private func count(_ sql: String, _ parameters: [SQLValue] = []) throws -> Int {
        if case .integer(let n) = try database.query(sql, parameters).first?.first { return Int(n) }
        return 0
    }

    func transaction<T>(_ body: () throws -> T) throws -> T {
        try database.execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try database.execute("COMMIT")
            return result
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try QueueAPI.encoder().encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// The sync store found something it did not write.
public struct SyncStoreError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
