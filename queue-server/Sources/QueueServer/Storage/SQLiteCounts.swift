import KioskSQLite

/// Counts the issuing path needs, kept by triggers in the same transaction as every change to
/// `tickets` (schema version 5; 10 dropped `day_counts`, which nothing read since quotas count live
/// tickets), so an answer costs the same with 10 or 10,000 tickets in the day:
///
/// - `queue_counts`: waiting tickets per queue and day, in blocks of a queue-order key at six levels
///   (a radix tree of 256-way blocks): the people ahead of a ticket are the sum of at most 255 sibling
///   blocks per level before its own, plus the tickets sharing its millisecond and first id character.
/// - `session_counts`: per site, service, day and minute, the live walk-in (non-booking) tickets.
///
/// The queue-order key is `queued_at` times 256 plus the code of the ticket id's first character (at
/// most 255): it orders tickets as `(queued_at, ticket_id)` does, up to ties that share the millisecond
/// and the first character (a `queued_at` at or below 0, or beyond ``maxQueuedAt``, shares one key).
enum SQLiteCounts {
    /// The levels of `queue_counts`: bit shifts of the queue-order key.
    static let levels = [0, 8, 16, 24, 32, 40]

    /// The queue-order key of the row `alias` (a table alias, `NEW` or `OLD`); ``key(queuedAt:ticketID:)`` in SQL.
    static func orderKey(_ alias: String) -> String {
        """
        (CASE WHEN \(alias).queued_at <= 0 THEN 0 WHEN \(alias).queued_at >= \(maxQueuedAt) THEN \(maxQueuedAt * 256)
            ELSE \(alias).queued_at * 256 + min(coalesce(unicode(\(alias).ticket_id), 0), 255) END)
        """
    }

    /// Above this (year 1,141,000), and at or below 0, every `queued_at` shares one key.
    static let maxQueuedAt: Int64 = (1 << 55) - 1

    /// The queue-order key of a ticket, and the smallest `(queued_at, ticket_id)` sharing it.
    static func key(queuedAt: Int64, ticketID: String) -> (key: Int64, lowest: (Int64, String)) {
        if queuedAt <= 0 { return (0, (Int64.min, "")) }
        if queuedAt >= maxQueuedAt { return (maxQueuedAt * 256, (maxQueuedAt, "")) }
        let first = ticketID.unicodeScalars.first.map { min($0.value, 255) } ?? 0
        return (queuedAt * 256 + Int64(first), (queuedAt, first == 0 ? "" : String(UnicodeScalar(UInt8(first)))))
    }

    private static let levelRows = "(VALUES " + levels.map { "(\($0))" }.joined(separator: ", ") + ") AS l"

    /// The statements adding `sign` (1 or −1) times the row `alias`'s share to every count.
    private static func apply(_ alias: String, _ sign: Int) -> String {
        let r = alias
        return """
            INSERT INTO queue_counts (site_id, queue_service_id, day, level, block, waiting)
                SELECT \(r).site_id, \(r).queue_service_id, \(r).day, l.column1, \(orderKey(r)) >> l.column1, \(sign) FROM \(levelRows)
                WHERE \(r).state = 'waiting'
                ON CONFLICT DO UPDATE SET waiting = waiting + excluded.waiting;
            INSERT INTO session_counts (site_id, service_id, day, minute, live)
                SELECT \(r).site_id, \(r).service_id, \(r).day, max(\(r).queued_at, 0) / 60000, \(sign)
                WHERE \(r).state != 'voided' AND \(r).booking_code IS NULL
                ON CONFLICT DO UPDATE SET live = live + excluded.live;
            """
    }

    /// The count tables, their triggers and the queue index that covers ties (schema version 5, less `day_counts`).
    static let schema = """
        CREATE TABLE queue_counts (
            site_id TEXT NOT NULL, queue_service_id TEXT NOT NULL, day TEXT NOT NULL, level INTEGER NOT NULL, block INTEGER NOT NULL,
            waiting INTEGER NOT NULL, PRIMARY KEY (site_id, queue_service_id, day, level, block)) WITHOUT ROWID;
        CREATE TABLE session_counts (
            site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL, minute INTEGER NOT NULL, live INTEGER NOT NULL,
            PRIMARY KEY (site_id, service_id, day, minute)) WITHOUT ROWID;
        DROP INDEX IF EXISTS tickets_queue;
        CREATE INDEX tickets_queue ON tickets (site_id, queue_service_id, day, state, queued_at, ticket_id);
        """ + triggers

    /// The triggers that keep the counts.
    static let triggers = """
        CREATE TRIGGER tickets_counted_insert AFTER INSERT ON tickets BEGIN \(apply("NEW", 1)) END;
        CREATE TRIGGER tickets_counted_delete AFTER DELETE ON tickets BEGIN \(apply("OLD", -1)) END;
        CREATE TRIGGER tickets_counted_update
            AFTER UPDATE OF ticket_id, site_id, service_id, queue_service_id, day, queued_at, state, booking_code ON tickets
            BEGIN \(apply("OLD", -1)) \(apply("NEW", 1)) END;
        """

    /// The step from schema version 9: `day_counts` and the triggers that kept it go, the triggers come back without it.
    static let dropDayCounts = """
        DROP TRIGGER tickets_counted_insert;
        DROP TRIGGER tickets_counted_delete;
        DROP TRIGGER tickets_counted_update;
        DROP TABLE IF EXISTS day_counts;
        """ + triggers

    /// Fills the counts from the tickets already stored (the step from schema version 4).
    static let backfill = """
        INSERT INTO queue_counts (site_id, queue_service_id, day, level, block, waiting)
            SELECT t.site_id, t.queue_service_id, t.day, l.column1, \(orderKey("t")) >> l.column1, count(*) FROM tickets t, \(levelRows)
            WHERE t.state = 'waiting' GROUP BY 1, 2, 3, 4, 5;
        INSERT INTO session_counts (site_id, service_id, day, minute, live)
            SELECT site_id, service_id, day, max(queued_at, 0) / 60000, count(*) FROM tickets
            WHERE state != 'voided' AND booking_code IS NULL GROUP BY 1, 2, 3, 4;
        """

    /// Waiting tickets of the ticket's queue and day ahead of it in queue order (`queued_at`, then id).
    static func peopleAhead(
        _ database: SQLiteDatabase, site: String, queue: String, day: String, queuedAt: Int64, ticketID: String
    ) throws -> Int {
        let top = levels.last!
        var parts = ["(SELECT coalesce(sum(waiting), 0) FROM queue_counts WHERE \(queueIs) AND level = \(top) AND block < ?4 >> \(top))"]
        for level in levels.dropLast() {
            parts.append(
                "(SELECT coalesce(sum(waiting), 0) FROM queue_counts WHERE \(queueIs) AND level = \(level) "
                    + "AND block >= (?4 >> \(level + 8)) << 8 AND block < ?4 >> \(level))")
        }
        // Ties of the key (the same millisecond and first character), in (queued_at, ticket_id) order.
        parts.append(
            "(SELECT count(*) FROM tickets WHERE \(queueIs) AND state = 'waiting' "
                + "AND (queued_at, ticket_id) >= (?5, ?6) AND (queued_at, ticket_id) < (?7, ?8))")
        let (ordered, lowest) = Self.key(queuedAt: queuedAt, ticketID: ticketID)
        let row = try database.query(
            "SELECT " + parts.joined(separator: " + "),
            [.text(site), .text(queue), .text(day), .integer(ordered), .integer(lowest.0), .text(lowest.1), .integer(queuedAt), .text(ticketID)])
        return try row.first?.int(0) ?? 0
    }

    private static let queueIs = "site_id = ?1 AND queue_service_id = ?2 AND day = ?3"

    /// Tickets of a site's service and day that count against its quota (``QuotaRules``): the live ones of either
    /// series, online or offline, leased or fallback; a leased number counts once its ticket is synced, not when leased.
    /// Read through the unique index of numbers (a day's tickets of one service).
    static func quotaUsed(_ database: SQLiteDatabase, site: String, service: String, day: String) throws -> Int {
        let row = try database.query(
            "SELECT count(*) FROM tickets WHERE site_id = ? AND service_id = ? AND day = ? AND state != 'voided'",
            [.text(site), .text(service), .text(day)])
        return try row.first?.int(0) ?? 0
    }

    /// Live walk-in tickets of a site's service and day queued in `from..<to` (milliseconds).
    static func sessionUsed(_ database: SQLiteDatabase, site: String, service: String, day: String, from: Int64, to: Int64) throws -> Int {
        let key: [SQLValue] = [.text(site), .text(service), .text(day)]
        guard from >= 0, from % 60_000 == 0, to % 60_000 == 0 else {
            // Not whole minutes (no catalogue gives such bounds): count the tickets themselves.
            return try database.query(
                """
                SELECT count(*) FROM tickets WHERE site_id = ? AND service_id = ? AND day = ? AND state != 'voided'
                    AND booking_code IS NULL AND queued_at >= ? AND queued_at < ?
                """, key + [.integer(from), .integer(to)]).first?.int(0) ?? 0
        }
        return try database.query(
            "SELECT coalesce(sum(live), 0) FROM session_counts WHERE site_id = ? AND service_id = ? AND day = ? AND minute >= ? AND minute < ?",
            key + [.integer(from / 60_000), .integer(to / 60_000)]).first?.int(0) ?? 0
    }
}
