import KioskLink

/// The server's tables. `service_id` is the service that numbered a ticket (its sequence is
/// unique per service and day); `queue_service_id` is the queue it waits in now (a transfer moves it).
enum SQLiteSchema {
    /// WAL so readers never wait for the writer; FULL so a commit is on disk before it returns.
    static let pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"

    static let tables = """
        CREATE TABLE IF NOT EXISTS credentials (
            token_hash TEXT PRIMARY KEY, principal TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('kiosk', 'staff')),
            created_at INTEGER NOT NULL, revoked_at INTEGER);
        CREATE TABLE IF NOT EXISTS catalogue (id INTEGER PRIMARY KEY CHECK (id = 1), body BLOB NOT NULL, path TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS sequences (
            service_id TEXT NOT NULL, day TEXT NOT NULL, next INTEGER NOT NULL,
            PRIMARY KEY (service_id, day)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS leases (
            lease_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL,
            first INTEGER NOT NULL, last INTEGER NOT NULL, created_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS leases_by_service ON leases (service_id, day, kiosk_id);
        CREATE TABLE IF NOT EXISTS tickets (
            ticket_id TEXT PRIMARY KEY, service_id TEXT NOT NULL, queue_service_id TEXT NOT NULL,
            agency_id TEXT NOT NULL, day TEXT NOT NULL, sequence INTEGER, number TEXT NOT NULL,
            issued_at INTEGER NOT NULL, clock_offset_ms INTEGER NOT NULL, queued_at INTEGER NOT NULL,
            language TEXT NOT NULL, priority INTEGER NOT NULL, kiosk_id TEXT NOT NULL, origin TEXT NOT NULL,
            booking_code TEXT, state TEXT NOT NULL, counter_id TEXT,
            called_at INTEGER, started_at INTEGER, finished_at INTEGER, void_reason TEXT, created_at INTEGER NOT NULL,
            UNIQUE (service_id, day, sequence));
        CREATE INDEX IF NOT EXISTS tickets_queue ON tickets (queue_service_id, day, state, queued_at);
        CREATE INDEX IF NOT EXISTS tickets_finished ON tickets (queue_service_id, finished_at) WHERE finished_at IS NOT NULL;
        CREATE TABLE IF NOT EXISTS bookings (
            code TEXT PRIMARY KEY, service_id TEXT NOT NULL, day TEXT NOT NULL, priority INTEGER NOT NULL, ticket_id TEXT);
        CREATE TABLE IF NOT EXISTS counters (counter_id TEXT PRIMARY KEY, calls_since_priority INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS heartbeats (kiosk_id TEXT PRIMARY KEY, received_at INTEGER NOT NULL, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS kiosks (
            kiosk_id TEXT PRIMARY KEY, mark TEXT NOT NULL UNIQUE, may_claim_priority INTEGER NOT NULL DEFAULT 0);
        """

    /// Changes to databases made by earlier versions, applied in order; each is harmless when already done.
    static func migrate(_ database: SQLiteDatabase) throws {
        // One number per service and day, whatever its origin (online, leased, kiosk-marked fallback).
        let duplicates = try database.query(
            "SELECT service_id, day, number FROM tickets GROUP BY service_id, day, number HAVING count(*) > 1 LIMIT 1")
        if let row = duplicates.first {
            throw StorageFailure(
                "tickets hold one number twice (\(try row.text(0)) \(try row.text(1)) \(try row.text(2))): "
                    + "give one of them another number before starting this version")
        }
        try database.execute("CREATE UNIQUE INDEX IF NOT EXISTS tickets_one_number ON tickets (service_id, day, number)")
        // Late online tickets are held (not callable) until confirmed or synced, or the hold ends.
        let columns = try database.query("SELECT name FROM pragma_table_info('tickets')").map { try $0.text(0) }
        if !columns.contains("held_until") { try database.execute("ALTER TABLE tickets ADD COLUMN held_until INTEGER") }
        // Ticket ids are lower case everywhere; older versions stored them as sent.
        try database.execute("UPDATE OR IGNORE tickets SET ticket_id = lower(ticket_id) WHERE ticket_id != lower(ticket_id)")
        try database.execute("UPDATE bookings SET ticket_id = lower(ticket_id) WHERE ticket_id != lower(ticket_id)")
    }

    /// The columns ``SQLiteQueueStore`` reads a ticket with, in this order.
    static let ticketColumns = """
        ticket_id, service_id, queue_service_id, agency_id, day, sequence, number, queued_at, priority, state,
        counter_id, issued_at, clock_offset_ms, language, kiosk_id, booking_code
        """
}
