/// The PostgreSQL store's tables, the same as ``SQLiteSchema``'s (version 4 there) with PostgreSQL's
/// types; its own version is kept in the one-row table `schema_version`.
enum PostgresSchema {
    /// The schema this binary writes. 1: sites, tickets, leases, bookings, kiosks as SQLite's version 4.
    static let version: Int64 = 1

    /// Statements run one by one, inside ``prepare(_:)``'s transaction.
    static let tables = [
        "CREATE TABLE schema_version (version BIGINT NOT NULL)",
        "CREATE TABLE sites (site_id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT, path TEXT)",
        """
        CREATE TABLE credentials (
            token_hash TEXT PRIMARY KEY, principal TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('kiosk', 'staff', 'city')), site_id TEXT REFERENCES sites,
            created_at BIGINT NOT NULL, revoked_at BIGINT, CHECK ((role = 'city') = (site_id IS NULL)))
        """,
        "CREATE INDEX credentials_by_principal ON credentials (principal)",
        """
        CREATE TABLE sequences (
            site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL, next BIGINT NOT NULL,
            PRIMARY KEY (site_id, service_id, day))
        """,
        """
        CREATE TABLE leases (
            lease_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL,
            first BIGINT NOT NULL, last BIGINT NOT NULL, created_at BIGINT NOT NULL)
        """,
        "CREATE INDEX leases_by_kiosk ON leases (kiosk_id, service_id, day)",
        """
        CREATE TABLE tickets (
            ticket_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, service_id TEXT NOT NULL, queue_service_id TEXT NOT NULL,
            agency_id TEXT NOT NULL, day TEXT NOT NULL, sequence BIGINT, number TEXT NOT NULL,
            issued_at BIGINT NOT NULL, clock_offset_ms BIGINT NOT NULL, queued_at BIGINT NOT NULL,
            language TEXT NOT NULL, priority BOOLEAN NOT NULL, kiosk_id TEXT NOT NULL, origin TEXT NOT NULL,
            booking_code TEXT, state TEXT NOT NULL, counter_id TEXT,
            called_at BIGINT, started_at BIGINT, finished_at BIGINT, void_reason TEXT, created_at BIGINT NOT NULL,
            held_until BIGINT, UNIQUE (site_id, service_id, day, sequence))
        """,
        "CREATE UNIQUE INDEX tickets_one_number ON tickets (site_id, service_id, day, number)",
        "CREATE INDEX tickets_queue ON tickets (site_id, queue_service_id, day, state, queued_at, ticket_id)",
        "CREATE INDEX tickets_finished ON tickets (site_id, queue_service_id, finished_at) WHERE finished_at IS NOT NULL",
        """
        CREATE TABLE bookings (
            code TEXT PRIMARY KEY, site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL, priority BOOLEAN NOT NULL,
            ticket_id TEXT)
        """,
        """
        CREATE TABLE counters (
            site_id TEXT NOT NULL, counter_id TEXT NOT NULL, calls_since_priority BIGINT NOT NULL, PRIMARY KEY (site_id, counter_id))
        """,
        "CREATE TABLE heartbeats (kiosk_id TEXT PRIMARY KEY, received_at BIGINT NOT NULL, body TEXT NOT NULL)",
        """
        CREATE TABLE kiosks (
            kiosk_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, mark TEXT NOT NULL UNIQUE,
            may_claim_priority BOOLEAN NOT NULL DEFAULT false, added BIGSERIAL NOT NULL)
        """,
    ]

    /// Creates the tables in an empty database, or checks an existing one's version, under an
    /// advisory lock so two server processes starting together do not both create them. A database
    /// of a newer schema is refused before anything is written to it.
    static func prepare(_ session: PostgresSession) async throws {
        try await session.execute("BEGIN")
        do {
            try await session.execute("SELECT pg_advisory_xact_lock(7401200412)")
            let exists = try await session.first("SELECT to_regclass('schema_version') IS NOT NULL")?.int(0) == 1
            if exists {
                let found = try await session.first("SELECT max(version) FROM schema_version")?.optionalInt(0) ?? 0
                guard found <= version else {
                    throw StorageFailure(
                        "the PostgreSQL database has schema version \(found), newer than this queue-server's (\(version)): "
                            + "it was written by a newer queue-server; run that version (or restore a backup of this version's database). "
                            + "The database was not changed.")
                }
                guard found == version else { throw StorageFailure("no migration from PostgreSQL schema version \(found)") }
            } else {
                let tables = try await session.first(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")?.int(0) ?? 0
                guard tables == 0 else {
                    throw StorageFailure("the PostgreSQL database holds tables but no schema_version: not a queue-server database")
                }
                for statement in Self.tables { try await session.execute(statement) }
                try await session.rows("INSERT INTO schema_version (version) VALUES (\(version))")
            }
            try await session.execute("COMMIT")
        } catch {
            try? await session.execute("ROLLBACK")
            throw error
        }
    }
}
