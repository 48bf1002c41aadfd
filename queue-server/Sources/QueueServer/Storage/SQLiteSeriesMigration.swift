import KioskSQLite

/// Schema version 8: a service's number series (``NumberSeries``: its own, `general`, or its catalogue's
/// priority series). `sequences` and `tickets` gain `series` (every earlier row is `general`), a sequence is
/// unique per site, service, day and series, and `leases` say which series their numbers are of.
///
/// SQLite cannot change a primary key or a UNIQUE constraint in place: `sequences` and `tickets` are
/// rebuilt (SQLite's own procedure: a new table, the rows copied, the old one dropped, the new one renamed),
/// and `tickets`' indexes and count triggers (``SQLiteCounts``) are created again from their stored SQL.
/// Dropping the old table fires no trigger, so the counts stay as they were.
enum SQLiteSeriesMigration {
    /// The columns of `tickets` at version 7, in their order.
    private static let ticketColumns = """
        ticket_id, site_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at, clock_offset_ms, queued_at,
        language, priority, kiosk_id, origin, booking_code, state, counter_id, called_at, started_at, finished_at, void_reason,
        created_at, held_until, print_uncertain
        """

    static func apply(_ database: SQLiteDatabase) throws {
        let dependents = try database.query(
            "SELECT sql FROM sqlite_schema WHERE tbl_name = 'tickets' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
        ).map { try $0.text(0) }
        try database.execute(
            """
            CREATE TABLE sequences_v8 (
                site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL,
                series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority')), next INTEGER NOT NULL,
                PRIMARY KEY (site_id, service_id, day, series)) WITHOUT ROWID;
            INSERT INTO sequences_v8 (site_id, service_id, day, next) SELECT site_id, service_id, day, next FROM sequences;
            DROP TABLE sequences;
            ALTER TABLE sequences_v8 RENAME TO sequences;
            ALTER TABLE leases ADD COLUMN series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority'));
            CREATE TABLE tickets_v8 (
                ticket_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, service_id TEXT NOT NULL, queue_service_id TEXT NOT NULL,
                agency_id TEXT NOT NULL, day TEXT NOT NULL, sequence INTEGER, number TEXT NOT NULL,
                issued_at INTEGER NOT NULL, clock_offset_ms INTEGER NOT NULL, queued_at INTEGER NOT NULL,
                language TEXT NOT NULL, priority INTEGER NOT NULL, kiosk_id TEXT NOT NULL, origin TEXT NOT NULL,
                booking_code TEXT, state TEXT NOT NULL, counter_id TEXT,
                called_at INTEGER, started_at INTEGER, finished_at INTEGER, void_reason TEXT, created_at INTEGER NOT NULL,
                held_until INTEGER, print_uncertain INTEGER NOT NULL DEFAULT 0,
                series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority')),
                UNIQUE (site_id, service_id, day, series, sequence));
            INSERT INTO tickets_v8 (\(ticketColumns)) SELECT \(ticketColumns) FROM tickets;
            DROP TABLE tickets;
            ALTER TABLE tickets_v8 RENAME TO tickets;
            """)
        for sql in dependents { try database.execute(sql) }
    }
}
