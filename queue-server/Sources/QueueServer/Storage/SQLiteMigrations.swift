import KioskSQLite

/// Earlier schemas, brought forward one version at a time inside ``SQLiteSchema/prepare(_:)``'s
/// transaction (so a failed step leaves the file as it was).
///
/// - 1: the first server (commit c1ad670): one catalogue, global sequences.
/// - 2: kiosks with server-assigned fallback marks, one number per service and day, lower-case ids (4075432).
/// - 3: held late online answers (`tickets.held_until`, 421005a).
/// - 4: sites: every table names its site; existing data belongs to the site `default`.
/// - 5: counts kept by triggers (``SQLiteCounts``), filled from the tickets already stored.
/// - 6: the uncertain-print mark and call-next's index (``SQLiteSchema/version6``); no ticket is marked.
/// - 7: survey answers (``SurveySchema/ByTicketID``).
/// - 8: number series (``SQLiteSeriesMigration``): a service's priority series beside its own.
/// - 9: survey answers filed under their ticket's keyed hash and hour (``SurveyHashMigration``).
/// - 10: `day_counts` dropped, and its share of the count triggers (``SQLiteCounts/dropDayCounts``).
/// - 11: when each kiosk was last heard and its last silence (``KioskSilence/table``); empty: no kiosk had one yet.
///
/// Versions 1–3 did not set `user_version`; ``unversioned(_:)`` tells them apart by their tables.
enum SQLiteMigrations {
    /// The site that owns everything a single-site database held.
    static let defaultSite = "default"

    /// The version of a database without `user_version`: 0 when it has no tables yet.
    static func unversioned(_ database: SQLiteDatabase) throws -> Int64 {
        let tables = Set(try database.query("SELECT name FROM sqlite_schema WHERE type = 'table'").map { try $0.text(0) })
        guard tables.contains("tickets") else { return 0 }
        guard tables.contains("kiosks") else { return 1 }
        let columns = try database.query("SELECT name FROM pragma_table_info('tickets')").map { try $0.text(0) }
        return columns.contains("held_until") ? 3 : 2
    }

    /// Brings a database of schema `version` to `version + 1`.
    static func step(from version: Int64, _ database: SQLiteDatabase, surveyKey: SurveyKey) throws {
        switch version {
        case 1: try toVersion2(database)
        case 2: try database.execute("ALTER TABLE tickets ADD COLUMN held_until INTEGER")
        case 3: try toVersion4(database)
        case 4: try database.execute(SQLiteCounts.schema + SQLiteCounts.backfill)
        case 5: try database.execute(SQLiteSchema.version6)
        case 6: try database.execute(SurveySchema.ByTicketID.sqlite)
        case 7: try SQLiteSeriesMigration.apply(database)
        case 8: try SurveyHashMigration.sqlite(database, key: surveyKey)
        case 9: try database.execute(SQLiteCounts.dropDayCounts)
        case 10: try database.execute(KioskSilence.table)
        default: throw StorageFailure("\(database.path): no migration from schema version \(version)")
        }
    }

    private static func toVersion2(_ database: SQLiteDatabase) throws {
        try database.execute(
            "CREATE TABLE kiosks (kiosk_id TEXT PRIMARY KEY, mark TEXT NOT NULL UNIQUE, may_claim_priority INTEGER NOT NULL DEFAULT 0)")
        // One number per service and day, whatever its origin (online, leased, kiosk-marked fallback).
        let duplicates = try database.query(
            "SELECT service_id, day, number FROM tickets GROUP BY service_id, day, number HAVING count(*) > 1 LIMIT 1")
        if let row = duplicates.first {
            throw StorageFailure(
                "tickets hold one number twice (\(try row.text(0)) \(try row.text(1)) \(try row.text(2))): "
                    + "give one of them another number before starting this version")
        }
        try database.execute("CREATE UNIQUE INDEX tickets_one_number ON tickets (service_id, day, number)")
        // Ticket ids are lower case everywhere; the first version stored them as sent.
        try database.execute("UPDATE OR IGNORE tickets SET ticket_id = lower(ticket_id) WHERE ticket_id != lower(ticket_id)")
        try database.execute("UPDATE bookings SET ticket_id = lower(ticket_id) WHERE ticket_id != lower(ticket_id)")
    }

    /// Moves every table to its site-owning form; the one catalogue becomes the site `default`'s.
    private static func toVersion4(_ database: SQLiteDatabase) throws {
        // Version 4 knows kiosk and staff tokens of a site (and city ones of none): say which token
        // stands in the way rather than fail on a constraint.
        if let odd = try database.query(
            "SELECT principal, role FROM credentials WHERE role NOT IN ('kiosk', 'staff') ORDER BY principal LIMIT 1"
        ).first {
            throw StorageFailure(
                "a token of \(Problems.quoted(try odd.text(0))) has the role \(Problems.quoted(try odd.text(1))), which this version does "
                    + "not know (kiosk or staff for a site's tokens): delete its row from credentials before starting this version")
        }
        let moved = ["credentials", "sequences", "leases", "tickets", "bookings", "counters", "heartbeats", "kiosks"]
        for index in ["leases_by_service", "tickets_one_number", "tickets_queue", "tickets_finished"] {
            try database.execute("DROP INDEX IF EXISTS \(index)")
        }
        for table in moved { try database.execute("ALTER TABLE \(table) RENAME TO v3_\(table)") }
        try database.execute(SQLiteSchema.tables)
        let site = "'\(defaultSite)'"
        try database.execute(
            """
            INSERT INTO sites (site_id, name, body, path) SELECT \(site), \(site), body, path FROM catalogue WHERE id = 1;
            INSERT INTO sites (site_id, name) SELECT \(site), \(site) WHERE NOT EXISTS (SELECT 1 FROM sites);
            DROP TABLE catalogue;
            INSERT INTO credentials (token_hash, principal, role, site_id, created_at, revoked_at)
                SELECT token_hash, principal, role, \(site), created_at, revoked_at FROM v3_credentials;
            INSERT INTO sequences (site_id, service_id, day, next) SELECT \(site), service_id, day, next FROM v3_sequences;
            INSERT INTO leases (lease_id, site_id, kiosk_id, service_id, day, first, last, created_at)
                SELECT lease_id, \(site), kiosk_id, service_id, day, first, last, created_at FROM v3_leases;
            INSERT INTO tickets (ticket_id, site_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
                    clock_offset_ms, queued_at, language, priority, kiosk_id, origin, booking_code, state, counter_id,
                    called_at, started_at, finished_at, void_reason, created_at, held_until)
                SELECT ticket_id, \(site), service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
                    clock_offset_ms, queued_at, language, priority, kiosk_id, origin, booking_code, state, counter_id,
                    called_at, started_at, finished_at, void_reason, created_at, held_until FROM v3_tickets;
            INSERT INTO bookings (code, site_id, service_id, day, priority, ticket_id)
                SELECT code, \(site), service_id, day, priority, ticket_id FROM v3_bookings;
            INSERT INTO counters (site_id, counter_id, calls_since_priority) SELECT \(site), counter_id, calls_since_priority FROM v3_counters;
            INSERT INTO heartbeats (kiosk_id, received_at, body) SELECT kiosk_id, received_at, body FROM v3_heartbeats;
            INSERT INTO kiosks (kiosk_id, site_id, mark, may_claim_priority) SELECT kiosk_id, \(site), mark, may_claim_priority FROM v3_kiosks;
            """)
        for table in moved { try database.execute("DROP TABLE v3_\(table)") }
    }
}
