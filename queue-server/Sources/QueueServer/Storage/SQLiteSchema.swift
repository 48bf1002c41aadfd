import KioskSQLite

/// The server's tables as of schema version 4 (version 5 adds ``SQLiteCounts/schema``, 6 ``version6``, 7 ``SurveySchema``,
/// 8 ``SQLiteSeriesMigration``: number series, 9 ``SurveyHashMigration``: surveys under a keyed hash, 10 drops `day_counts`,
/// 11 adds ``KioskSilence/table``: when each kiosk was last heard). A site is one MPP building: it owns its
/// catalogue, counters, kiosks, tokens, number sequences and bookings. `service_id` is the service
/// that numbered a ticket (its sequence is unique per site, service and day); `queue_service_id` is
/// the queue it waits in now (a transfer moves it).
enum SQLiteSchema {
    /// The schema this binary writes, kept in `PRAGMA user_version`. Earlier ones: ``SQLiteMigrations``.
    static let version: Int64 = 11

    /// WAL so readers never wait for the writer; FULL so a commit is on disk before it returns.
    /// `secure_delete`: a deleted or moved row's bytes are zeroed, not left in a free block or page (a survey
    /// answer's old place would tell when it was given, session 29's F1).
    static let pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;"

    static let tables = """
        CREATE TABLE sites (site_id TEXT PRIMARY KEY, name TEXT NOT NULL, body BLOB, path TEXT);
        CREATE TABLE credentials (
            token_hash TEXT PRIMARY KEY, principal TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('kiosk', 'staff', 'city')), site_id TEXT REFERENCES sites,
            created_at INTEGER NOT NULL, revoked_at INTEGER, CHECK ((role = 'city') = (site_id IS NULL)));
        CREATE TABLE sequences (
            site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL, next INTEGER NOT NULL,
            PRIMARY KEY (site_id, service_id, day)) WITHOUT ROWID;
        CREATE TABLE leases (
            lease_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL,
            first INTEGER NOT NULL, last INTEGER NOT NULL, created_at INTEGER NOT NULL);
        CREATE INDEX leases_by_service ON leases (site_id, service_id, day, kiosk_id);
        CREATE TABLE tickets (
            ticket_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, service_id TEXT NOT NULL, queue_service_id TEXT NOT NULL,
            agency_id TEXT NOT NULL, day TEXT NOT NULL, sequence INTEGER, number TEXT NOT NULL,
            issued_at INTEGER NOT NULL, clock_offset_ms INTEGER NOT NULL, queued_at INTEGER NOT NULL,
            language TEXT NOT NULL, priority INTEGER NOT NULL, kiosk_id TEXT NOT NULL, origin TEXT NOT NULL,
            booking_code TEXT, state TEXT NOT NULL, counter_id TEXT,
            called_at INTEGER, started_at INTEGER, finished_at INTEGER, void_reason TEXT, created_at INTEGER NOT NULL,
            held_until INTEGER, UNIQUE (site_id, service_id, day, sequence));
        CREATE UNIQUE INDEX tickets_one_number ON tickets (site_id, service_id, day, number);
        CREATE INDEX tickets_queue ON tickets (site_id, queue_service_id, day, state, queued_at);
        CREATE INDEX tickets_finished ON tickets (site_id, queue_service_id, finished_at) WHERE finished_at IS NOT NULL;
        CREATE TABLE bookings (
            code TEXT PRIMARY KEY, site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL, priority INTEGER NOT NULL,
            ticket_id TEXT);
        CREATE TABLE counters (
            site_id TEXT NOT NULL, counter_id TEXT NOT NULL, calls_since_priority INTEGER NOT NULL,
            PRIMARY KEY (site_id, counter_id));
        CREATE TABLE heartbeats (kiosk_id TEXT PRIMARY KEY, received_at INTEGER NOT NULL, body TEXT NOT NULL);
        CREATE TABLE kiosks (
            kiosk_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, mark TEXT NOT NULL UNIQUE,
            may_claim_priority INTEGER NOT NULL DEFAULT 0);
        """

    /// Version 6: the mark of a ticket whose print its kiosk reported `uncertain` (``UncertainPrint``),
    /// and the index call-next reads: a queue's waiting tickets of one priority in queue order, so the
    /// oldest is the index's first entry (no scan past the other priority's or other states' tickets).
    static let version6 = """
        ALTER TABLE tickets ADD COLUMN print_uncertain INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX tickets_callable ON tickets (site_id, queue_service_id, day, priority, queued_at, ticket_id) WHERE state = 'waiting';
        CREATE INDEX tickets_uncertain ON tickets (site_id, queued_at) WHERE print_uncertain = 1;
        """

    /// Opens `database` for this binary: creates the tables in an empty file, or brings an earlier
    /// schema forward in one transaction. A database of a newer schema is refused before anything
    /// is written to it (not even the journal mode), nor beside it: `surveyKey` (``SurveyKey/load(path:)``, which
    /// may make the key's file) is called after that check; the key files the survey answers of an earlier
    /// schema, and is returned.
    static func prepare(_ database: SQLiteDatabase, surveyKey loadKey: () throws -> SurveyKey) throws -> SurveyKey {
        try refuseNewer(database)
        let surveyKey = try loadKey()
        try database.execute(pragmas)
        try database.execute("BEGIN IMMEDIATE")
        do {
            // Read again inside the write lock: another process may have migrated meanwhile.
            try refuseNewer(database)
            var found = try userVersion(database)
            if found == 0 { found = try SQLiteMigrations.unversioned(database) }
            if found == 0 {
                try database.execute(tables)
                try database.execute(SQLiteCounts.schema)
                try database.execute(version6)
                try database.execute(SurveySchema.sqlite)
                try SQLiteSeriesMigration.apply(database)
                try database.execute(KioskSilence.table)
            } else {
                for step in found..<version { try SQLiteMigrations.step(from: step, database, surveyKey: surveyKey) }
            }
            try database.execute("PRAGMA user_version = \(version)")
            try database.execute("COMMIT")
            // The survey rows as version 8 wrote them may still be in the log's older frames: write the log out and
            // empty it (best effort: a reader of another process may hold it; the next checkpoint overwrites them).
            if (1..<9).contains(found) { _ = try? database.query("PRAGMA wal_checkpoint(TRUNCATE)") }
            return surveyKey
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    static func userVersion(_ database: SQLiteDatabase) throws -> Int64 {
        guard let row = try database.query("PRAGMA user_version").first, case .integer(let value) = row[0] else {
            throw StorageFailure("\(database.path): PRAGMA user_version answered nothing")
        }
        return value
    }

    private static func refuseNewer(_ database: SQLiteDatabase) throws {
        let found = try userVersion(database)
        guard found <= version else {
            throw StorageFailure(
                "\(database.path) has schema version \(found), newer than this queue-server's (\(version)): "
                    + "it was written by a newer queue-server; run that version (or restore a backup of this version's database). "
                    + "The file was not changed.")
        }
    }

    /// The columns ``SQLiteQueueStore`` reads a ticket with, in this order.
    static let ticketColumns = """
        ticket_id, service_id, queue_service_id, agency_id, day, sequence, number, queued_at, priority, state,
        counter_id, issued_at, clock_offset_ms, language, kiosk_id, booking_code, site_id, print_uncertain
        """
}
