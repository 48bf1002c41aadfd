import KioskSQLite
import PostgresNIO

/// The store's hot statements, prepared once on each connection (parsed and planned once, then only
/// bound and run): a credential's lookup, a ticket read by id, a number taken, a ticket stored, and the
/// common online ticket whole (``IssueOnline``: replay check, number and insert in one round trip).
enum PostgresStatements {
    /// The principal of a token hash, unless revoked.
    struct Credential: PostgresPreparedStatement {
        static let sql = "SELECT principal, role, site_id FROM credentials WHERE token_hash = $1 AND revoked_at IS NULL"
        var tokenHash: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(tokenHash)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> [SQLValue] { try PostgresSession.values(row) }
    }

    /// A ticket's row as ``PostgresQueueStore/ticketColumns`` reads it.
    struct TicketByID: PostgresPreparedStatement {
        static let sql = "SELECT \(PostgresQueueStore.ticketColumns) FROM tickets t WHERE t.ticket_id = $1"
        var ticketID: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(ticketID)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> [SQLValue] { try PostgresSession.values(row) }
    }

    /// Reserves `count` numbers of a site's service, day and series; answers the sequence's next free number.
    struct Allocate: PostgresPreparedStatement {
        static let sql = """
            INSERT INTO sequences (site_id, service_id, day, series, next) VALUES ($1, $2, $3, $4, 1 + $5)
            ON CONFLICT (site_id, service_id, day, series) DO UPDATE SET next = sequences.next + excluded.next - 1 RETURNING next
            """
        var site: String
        var service: String
        var day: String
        var series: String
        var count: Int

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(site)
            bindings.append(service)
            bindings.append(day)
            bindings.append(series)
            bindings.append(count)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> [SQLValue] { try PostgresSession.values(row) }
    }

    /// Stores a ticket and reads it back as ``TicketByID`` does, in one round trip.
    struct Insert: PostgresPreparedStatement {
        static let sql = """
            INSERT INTO tickets AS t (ticket_id, site_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
                clock_offset_ms, queued_at, language, priority, kiosk_id, origin, booking_code, state, void_reason, created_at, held_until,
                series)
            VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
            RETURNING \(PostgresQueueStore.ticketColumns)
            """
        static let bindingDataTypes: [PostgresDataType] = [
            .text, .text, .text, .text, .text, .int8, .text, .int8, .int8, .int8, .text, .bool, .text, .text, .text, .text, .text, .int8, .int8,
            .text,
        ]
        var ticketID: String
        var site: String
        var service: String
        var agency: String
        var day: String
        var sequence: Int?
        var number: String
        var issuedAt: Int64
        var clockOffsetMs: Int64
        var queuedAt: Int64
        var language: String
        var priority: Bool
        var kiosk: String
        var origin: String
        var booking: String?
        var state: String
        var voidReason: String?
        var now: Int64
        var held: Int64?
        var series: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(ticketID)
            bindings.append(site)
            bindings.append(service)
            bindings.append(agency)
            bindings.append(day)
            bindings.append(sequence)
            bindings.append(number)
            bindings.append(issuedAt)
            bindings.append(clockOffsetMs)
            bindings.append(queuedAt)
            bindings.append(language)
            bindings.append(priority)
            bindings.append(kiosk)
            bindings.append(origin)
            bindings.append(booking)
            bindings.append(state)
            bindings.append(voidReason)
            bindings.append(now)
            bindings.append(held)
            bindings.append(series)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> [SQLValue] { try PostgresSession.values(row) }
    }

    /// The common online ticket in one round trip (no quota, no priority claim, hours and clock checked
    /// before): the ticket `ticketID` as stored, with `true` after its columns (a replay: nothing
    /// written); else the next number of its site's service and day taken and a waiting ticket stored,
    /// answered as ``Insert`` answers, with `false`. One statement, so one snapshot: a ticket stored
    /// earlier in the transaction is a replay; one another process stores meanwhile fails the unique key
    /// (the writer runs the request again, and it is then a replay).
    struct IssueOnline: PostgresPreparedStatement {
        static let sql = """
            WITH taken AS (
                INSERT INTO sequences (site_id, service_id, day, next)
                SELECT $2, $3, $5, 2 WHERE NOT EXISTS (SELECT 1 FROM tickets WHERE ticket_id = $1)
                ON CONFLICT (site_id, service_id, day, series) DO UPDATE SET next = sequences.next + 1 RETURNING next - 1 AS sequence
            ), stored AS (
                INSERT INTO tickets AS t (ticket_id, site_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
                    clock_offset_ms, queued_at, language, priority, kiosk_id, origin, booking_code, state, void_reason, created_at, held_until)
                SELECT $1, $2, $3, $3, $4, $5, taken.sequence,
                    $6 || '-' || lpad(taken.sequence::text, greatest($7::integer, length(taken.sequence::text)), '0'),
                    $8, $9, $10, $11, false, $12, 'online', NULL, 'waiting', NULL, $13, $14
                FROM taken
                RETURNING \(PostgresQueueStore.ticketColumns)
            )
            SELECT *, false FROM stored
            UNION ALL SELECT \(PostgresQueueStore.ticketColumns), true FROM tickets t WHERE t.ticket_id = $1
            """
        static let bindingDataTypes: [PostgresDataType] = [
            .text, .text, .text, .text, .text, .text, .int8, .int8, .int8, .int8, .text, .text, .int8, .int8,
        ]
        var ticketID: String
        var site: String
        var service: String
        var agency: String
        var day: String
        var prefix: String
        var numberWidth: Int
        var issuedAt: Int64
        var clockOffsetMs: Int64
        var queuedAt: Int64
        var language: String
        var kiosk: String
        var now: Int64
        var held: Int64?

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(ticketID)
            bindings.append(site)
            bindings.append(service)
            bindings.append(agency)
            bindings.append(day)
            bindings.append(prefix)
            bindings.append(numberWidth)
            bindings.append(issuedAt)
            bindings.append(clockOffsetMs)
            bindings.append(queuedAt)
            bindings.append(language)
            bindings.append(kiosk)
            bindings.append(now)
            bindings.append(held)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> [SQLValue] { try PostgresSession.values(row) }
    }
}
