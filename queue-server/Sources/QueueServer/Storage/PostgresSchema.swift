/// The PostgreSQL store's tables, the same as ``SQLiteSchema``'s (version 4 there) with PostgreSQL's
/// types; its own version is kept in the one-row table `schema_version`.
enum PostgresSchema {
    /// The schema this binary writes. 1: sites, tickets, leases, bookings, kiosks as SQLite's version 4;
    /// 2: each queue's waiting tickets counted by a trigger (`queue_waiting`); 3: the uncertain-print
    /// mark (``UncertainPrint``) and call-next's index, as SQLite's version 6; 4: survey answers (``SurveySchema``);
    /// 5: number series, as SQLite's version 8 (``SQLiteSeriesMigration``); 6: survey answers filed under their
    /// ticket's keyed hash and hour, as SQLite's version 9 (``SurveyHashMigration``, run in Swift: it needs the key);
    /// 7: waiting tickets counted in blocks of queue order as SQLite's (``PostgresCounts``), in place of `queue_waiting`;
    /// 8: when each kiosk was last heard and its last silence (``KioskSilence``), as SQLite's version 11.
    static let version: Int64 = 8

    /// Version 1's statements, run one by one inside ``prepare(_:)``'s transaction.
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

    /// The step from version N (the index + 1) to the next. To 2: each queue's waiting tickets, kept in
    /// the transaction of every change of a ticket, so people ahead need no count over every waiting
    /// ticket ahead of a new one (``PostgresQueueStore/ticketColumns``), filled from the stored tickets.
    /// To 3: the uncertain-print mark (no stored ticket is marked) and the index call-next reads
    /// (``PostgresQueueStore/oldestCallableSQL``).
    static let steps = [
        [
            """
            CREATE TABLE queue_waiting (
                site_id TEXT NOT NULL, queue_service_id TEXT NOT NULL, day TEXT NOT NULL, waiting BIGINT NOT NULL,
                PRIMARY KEY (site_id, queue_service_id, day))
            """,
            """
            CREATE FUNCTION queue_waiting_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND OLD.state = 'waiting' AND NEW.state = 'waiting' AND OLD.site_id = NEW.site_id
                    AND OLD.queue_service_id = NEW.queue_service_id AND OLD.day = NEW.day THEN
                    RETURN NULL;
                END IF;
                IF TG_OP <> 'INSERT' THEN
                    IF OLD.state = 'waiting' THEN
                        UPDATE queue_waiting SET waiting = waiting - 1
                        WHERE site_id = OLD.site_id AND queue_service_id = OLD.queue_service_id AND day = OLD.day;
                    END IF;
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    IF NEW.state = 'waiting' THEN
                        INSERT INTO queue_waiting (site_id, queue_service_id, day, waiting) VALUES (NEW.site_id, NEW.queue_service_id, NEW.day, 1)
                        ON CONFLICT (site_id, queue_service_id, day) DO UPDATE SET waiting = queue_waiting.waiting + 1;
                    END IF;
                END IF;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER tickets_waiting AFTER INSERT OR DELETE OR UPDATE OF state, site_id, queue_service_id, day ON tickets
            FOR EACH ROW EXECUTE FUNCTION queue_waiting_count()
            """,
            """
            INSERT INTO queue_waiting (site_id, queue_service_id, day, waiting)
            SELECT site_id, queue_service_id, day, count(*) FROM tickets WHERE state = 'waiting' GROUP BY site_id, queue_service_id, day
            """,
        ],
        [
            "ALTER TABLE tickets ADD COLUMN print_uncertain BOOLEAN NOT NULL DEFAULT false",
            // A queue's waiting tickets of one priority in queue order: call-next reads the first entry.
            """
            CREATE INDEX tickets_callable ON tickets (site_id, queue_service_id, day, priority, queued_at, ticket_id)
            WHERE state = 'waiting'
            """,
            "CREATE INDEX tickets_uncertain ON tickets (site_id, queued_at) WHERE print_uncertain",
        ],
        SurveySchema.ByTicketID.postgres,
        // To 5: a service's priority series beside its own; every earlier row is of its own (general) series.
        [
            "ALTER TABLE sequences ADD COLUMN series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority'))",
            "ALTER TABLE sequences DROP CONSTRAINT sequences_pkey, ADD PRIMARY KEY (site_id, service_id, day, series)",
            "ALTER TABLE leases ADD COLUMN series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority'))",
            "ALTER TABLE tickets ADD COLUMN series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority'))",
            """
            ALTER TABLE tickets DROP CONSTRAINT tickets_site_id_service_id_day_sequence_key,
                ADD CONSTRAINT tickets_one_sequence UNIQUE (site_id, service_id, day, series, sequence)
            """,
        ],
    ]

    /// Creates the tables in an empty database, or checks an existing one's version and brings an
    /// earlier one forward, under an advisory lock so two server processes starting together do not
    /// both do it. A database of a newer schema is refused before anything is written to it. `surveyKey`
    /// files the survey answers of an earlier schema.
    static func prepare(_ session: PostgresSession, surveyKey: SurveyKey) async throws {
        try await session.execute("BEGIN")
        do {
            try await session.execute("SELECT pg_advisory_xact_lock(7401200412)")
            let exists = try await session.first("SELECT to_regclass('schema_version') IS NOT NULL")?.int(0) == 1
            var found: Int64 = 1
            if exists {
                found = Int64(try await session.first("SELECT max(version) FROM schema_version")?.optionalInt(0) ?? 0)
                guard found <= version else {
                    throw StorageFailure(
                        "the PostgreSQL database has schema version \(found), newer than this queue-server's (\(version)): "
                            + "it was written by a newer queue-server; run that version (or restore a backup of this version's database). "
                            + "The database was not changed.")
                }
                guard found >= 1 else { throw StorageFailure("no migration from PostgreSQL schema version \(found)") }
            } else {
                let tables = try await session.first(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")?.int(0) ?? 0
                guard tables == 0 else {
                    throw StorageFailure("the PostgreSQL database holds tables but no schema_version: not a queue-server database")
                }
                for statement in Self.tables { try await session.execute(statement) }
                try await session.rows("INSERT INTO schema_version (version) VALUES (1)")
            }
            if found < version {
                for from in found..<version {
                    switch from {
                    case 5: try await SurveyHashMigration.postgres(session, key: surveyKey)
                    case 6: for statement in PostgresCounts.migration { try await session.execute(statement) }
                    case 7: try await session.execute(KioskSilence.table)
                    default: for statement in steps[Int(from - 1)] { try await session.execute(statement) }
                    }
                }
                try await session.rows("UPDATE schema_version SET version = \(version)")
            }
            try await session.execute("COMMIT")
        } catch {
            try? await session.execute("ROLLBACK")
            throw error
        }
    }
}
