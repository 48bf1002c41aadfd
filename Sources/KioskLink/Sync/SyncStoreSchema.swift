import KioskSQLite

/// The sync store's schema versions (sync.sqlite), and how each earlier file is brought forward.
///
/// - 0: files from before versions, with or without `server_mark`.
/// - 1: every table up to `server_mark`, and the version recorded.
/// - 2: `printing`: tickets whose print job started and has no outcome yet (issue 11 #3).
/// - 3: `asked`: tickets asked of the server (or numbered offline) and not yet handed to the printer.
/// - 4: `survey_outbox`: survey answers (issue 20) waiting for the server (``SurveyOutbox``).
/// - 5: `leases.series`: the number series a lease's numbers are of (``NumberSeries``); earlier leases are `general`.
enum SyncStoreSchema {
    static let versions = SchemaVersion(name: "sync store", steps: [toVersion1, toVersion2, toVersion3, toVersion4, toVersion5])

    static func toVersion1(_ database: SQLiteDatabase) throws {
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS leases (
                lease_id TEXT PRIMARY KEY, service_id TEXT NOT NULL, day TEXT NOT NULL,
                first INTEGER NOT NULL, last INTEGER NOT NULL, next INTEGER NOT NULL,
                CHECK (first <= next AND next <= last + 1));
            CREATE INDEX IF NOT EXISTS leases_by_service ON leases (service_id, day, first);
            CREATE TABLE IF NOT EXISTS fallback_counts (
                service_id TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (service_id, day));
            CREATE TABLE IF NOT EXISTS outbox (
                position INTEGER PRIMARY KEY AUTOINCREMENT,
                ticket_id TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('ticket', 'print')),
                body TEXT NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS outbox_one_ticket ON outbox (ticket_id) WHERE kind = 'ticket';
            CREATE TABLE IF NOT EXISTS rejected (
                ticket_id TEXT PRIMARY KEY, body TEXT NOT NULL, reason TEXT NOT NULL, rejected_at_ms INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS catalogue_cache (
                id INTEGER PRIMARY KEY CHECK (id = 1), etag TEXT NOT NULL, body BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS server_mark (id INTEGER PRIMARY KEY CHECK (id = 1), mark TEXT NOT NULL);
            """)
    }

    static func toVersion2(_ database: SQLiteDatabase) throws {
        try database.execute(
            "CREATE TABLE printing (ticket_id TEXT PRIMARY KEY, started_at_ms INTEGER NOT NULL)")
    }

    static func toVersion3(_ database: SQLiteDatabase) throws {
        try database.execute("CREATE TABLE asked (ticket_id TEXT PRIMARY KEY, asked_at_ms INTEGER NOT NULL)")
    }

    static func toVersion4(_ database: SQLiteDatabase) throws {
        try database.execute("CREATE TABLE survey_outbox (ticket_id TEXT PRIMARY KEY, body TEXT NOT NULL, kept_at_ms INTEGER NOT NULL)")
    }

    static func toVersion5(_ database: SQLiteDatabase) throws {
        try database.execute(
            "ALTER TABLE leases ADD COLUMN series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority'))")
    }
}
