/// People ahead on the PostgreSQL store, counted as ``SQLiteCounts`` counts them (schema version 7): each
/// queue's waiting tickets per day in blocks of the same queue-order key at the same six levels
/// (`queue_counts`, kept by triggers in the transaction of every change of tickets), so the people ahead
/// of a ticket are at most 255 sibling blocks per level before its own plus the tickets sharing its
/// millisecond and first id character: a crowd issued in one millisecond costs a sixteenth of itself
/// (ids are hex), not every waiting ticket ahead, and both stores give the same answer.
enum PostgresCounts {
    /// The queue-order key of the row `alias`, as ``SQLiteCounts/orderKey(_:)`` (`ascii` is the first
    /// character's code point in UTF-8).
    static func orderKey(_ alias: String) -> String {
        let top = SQLiteCounts.maxQueuedAt
        return """
            (CASE WHEN \(alias).queued_at <= 0 THEN 0 WHEN \(alias).queued_at >= \(top) THEN \(top * 256)
                ELSE \(alias).queued_at * 256 + least(ascii(\(alias).ticket_id), 255) END)
            """
    }

    private static let levelRows = "(VALUES " + SQLiteCounts.levels.map { "(\($0))" }.joined(separator: ", ") + ") AS l (level)"

    /// Waiting tickets of the row `t`'s queue and day ahead of it in queue order (`queued_at`, then id),
    /// not counting `t` itself: the blocks before its key, then the tickets sharing the key ahead of it
    /// (from the smallest `(queued_at, ticket_id)` of the key, as ``SQLiteCounts/key(queuedAt:ticketID:)``).
    /// A statement's snapshot holds neither its own new rows nor the counts its trigger adds for them, so
    /// `INSERT … RETURNING` answers as a later read does.
    static let peopleAhead = """
        (SELECT (coalesce(sum(b.waiting), 0) + (
                SELECT count(*) FROM tickets a WHERE a.site_id = t.site_id AND a.queue_service_id = t.queue_service_id AND a.day = t.day
                AND a.state = 'waiting' AND (a.queued_at, a.ticket_id) >= (o.lowest_at, o.lowest_id)
                AND (a.queued_at, a.ticket_id) < (t.queued_at, t.ticket_id)))::bigint
            FROM (SELECT \(orderKey("t")) AS k,
                CASE WHEN t.queued_at <= 0 THEN (\(Int64.min))::bigint WHEN t.queued_at >= \(SQLiteCounts.maxQueuedAt) THEN \(SQLiteCounts.maxQueuedAt)
                    ELSE t.queued_at END AS lowest_at,
                CASE WHEN t.queued_at <= 0 OR t.queued_at >= \(SQLiteCounts.maxQueuedAt) OR t.ticket_id = '' THEN ''
                    ELSE chr(least(ascii(t.ticket_id), 255)) END AS lowest_id) o
            CROSS JOIN \(levelRows)
            LEFT JOIN LATERAL (
                SELECT sum(c.waiting) AS waiting FROM queue_counts c
                WHERE c.site_id = t.site_id AND c.queue_service_id = t.queue_service_id AND c.day = t.day AND c.level = l.level
                AND c.block >= CASE WHEN l.level = \(SQLiteCounts.levels.last!) THEN (\(Int64.min))::bigint ELSE (o.k >> (l.level + 8)) << 8 END
                AND c.block < o.k >> l.level) b ON true
            GROUP BY o.lowest_at, o.lowest_id)
        """

    /// The statement adding the rows of `source` to the counts: each row's `change` (1 or −1) at every level,
    /// summed per block; blocks in order, top level first: writers of one queue and day meet first on its
    /// top block, which keeps them from deadlocking on the others.
    private static func add(_ source: String) -> String {
        """
        INSERT INTO queue_counts (site_id, queue_service_id, day, level, block, waiting)
            SELECT t.site_id, t.queue_service_id, t.day, l.level, \(orderKey("t")) >> l.level, sum(t.change) FROM \(source) t, \(levelRows)
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(t.change) <> 0 ORDER BY 1, 2, 3, 4 DESC, 5
            ON CONFLICT (site_id, queue_service_id, day, level, block) DO UPDATE SET waiting = queue_counts.waiting + excluded.waiting
        """
    }

    /// The waiting rows of the table `rows` (the tickets, or a trigger's transition table), each with `change`.
    private static func waiting(_ rows: String, change: Int) -> String {
        "SELECT site_id, queue_service_id, day, queued_at, ticket_id, \(change) AS change FROM \(rows) WHERE state = 'waiting'"
    }

    /// The step from version 6: the counts, the triggers that keep them (one a statement: a batch's tickets
    /// counted at once, an update that moves no ticket in or out of a block writes nothing) and the counts of
    /// the tickets already stored, in place of `queue_waiting` (one count per queue and day), which they make redundant.
    static let migration = [
        """
        CREATE TABLE queue_counts (
            site_id TEXT NOT NULL, queue_service_id TEXT NOT NULL, day TEXT NOT NULL, level INTEGER NOT NULL, block BIGINT NOT NULL,
            waiting BIGINT NOT NULL, PRIMARY KEY (site_id, queue_service_id, day, level, block))
        """,
        """
        CREATE FUNCTION queue_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                \(add("(\(waiting("added", change: 1)))"));
            ELSIF TG_OP = 'DELETE' THEN
                \(add("(\(waiting("removed", change: -1)))"));
            ELSE
                \(add("(\(waiting("removed", change: -1)) UNION ALL \(waiting("added", change: 1)))"));
            END IF;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER tickets_counted_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION queue_counts_keep()
        """,
        """
        CREATE TRIGGER tickets_counted_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS removed NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION queue_counts_keep()
        """,
        """
        CREATE TRIGGER tickets_counted_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION queue_counts_keep()
        """,
        add("(\(waiting("tickets", change: 1)))"),
        "DROP TRIGGER tickets_waiting ON tickets",
        "DROP FUNCTION queue_waiting_count()",
        "DROP TABLE queue_waiting",
    ]
}
