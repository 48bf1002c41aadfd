import KioskSQLite
import PostgresNIO

/// The store's hot statements, prepared once on each connection (parsed and planned once, then only
/// bound and run): a credential's lookup, a ticket read by id, a number taken, a ticket stored, and the
/// common online tickets of a batch whole (``IssueOnline``: replay check, numbers and inserts in one round trip).
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

    /// One common online ticket for ``IssueOnline`` (no quota, no priority claim, hours and clock checked before).
    struct OnlineTicket: Sendable {
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
        /// Until when the ticket is held, read when the statement is sent (its wait in the writer counts).
        var held: @Sendable () -> Int64?
    }

    /// Common online tickets, any number, in one round trip: each ticket as stored, with `true` after its
    /// columns (a replay: nothing written); else, the next numbers of each site's service and day taken
    /// at once (in the tickets' order) and waiting tickets stored, answered as ``Insert`` answers, with
    /// `false`. One statement, so one snapshot: a ticket stored earlier in the transaction is a replay;
    /// one id twice among new tickets, or one another process stores meanwhile, fails the unique key (the
    /// writer runs the tickets one by one again, and the second is then a replay). People ahead of a new
    /// ticket are those of the moment it was stored: of the statement's new tickets of its queue (one
    /// service's), those numbered before it and ahead of it in queue order count.
    struct IssueOnline: PostgresPreparedStatement {
        static let sql = """
            WITH input AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int8[], $8::int8[],
                    $9::int8[], $10::int8[], $11::text[], $12::text[], $13::int8[], $14::int8[], $15::bool[])
                    WITH ORDINALITY AS i(ticket_id, site_id, service_id, agency_id, day, prefix, width, issued_at, clock_offset_ms,
                        queued_at, language, kiosk_id, created_at, held_until, held, position)
            ), fresh AS (
                SELECT i.*, row_number() OVER same AS rank, count(*) OVER same AS wanted FROM input i
                WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.ticket_id = i.ticket_id)
                WINDOW same AS (PARTITION BY i.site_id, i.service_id, i.day ORDER BY i.position
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            ), taken AS (
                INSERT INTO sequences (site_id, service_id, day, next)
                SELECT DISTINCT site_id, service_id, day, 1 + wanted FROM fresh ORDER BY 1, 2, 3
                ON CONFLICT (site_id, service_id, day, series) DO UPDATE SET next = sequences.next + excluded.next - 1
                RETURNING site_id, service_id, day, next
            ), stored AS (
                INSERT INTO tickets AS t (ticket_id, site_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
                    clock_offset_ms, queued_at, language, priority, kiosk_id, origin, booking_code, state, void_reason, created_at, held_until)
                SELECT f.ticket_id, f.site_id, f.service_id, f.service_id, f.agency_id, f.day, n.sequence,
                    f.prefix || '-' || lpad(n.sequence::text, greatest(f.width::integer, length(n.sequence::text)), '0'),
                    f.issued_at, f.clock_offset_ms, f.queued_at, f.language, false, f.kiosk_id, 'online', NULL, 'waiting', NULL,
                    f.created_at, CASE WHEN f.held THEN f.held_until END
                FROM fresh f JOIN taken k USING (site_id, service_id, day), LATERAL (SELECT k.next - f.wanted + f.rank - 1 AS sequence) n
                ORDER BY f.position
                RETURNING \(PostgresQueueStore.ticketColumns)
            )
            SELECT \(PostgresQueueStore.storedColumns.map { "s.\($0)" }.joined(separator: ", ")),
                s.ahead + (SELECT count(*) FROM stored o WHERE o.site_id = s.site_id AND o.queue_service_id = s.queue_service_id
                    AND o.day = s.day AND o.sequence < s.sequence AND (o.queued_at, o.ticket_id) < (s.queued_at, s.ticket_id)),
                s.recent, false FROM stored s
            UNION ALL SELECT \(PostgresQueueStore.ticketColumns), true FROM tickets t WHERE t.ticket_id IN (SELECT ticket_id FROM input)
            """
        var tickets: [OnlineTicket]

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(tickets.map(\.ticketID))
            bindings.append(tickets.map(\.site))
            bindings.append(tickets.map(\.service))
            bindings.append(tickets.map(\.agency))
            bindings.append(tickets.map(\.day))
            bindings.append(tickets.map(\.prefix))
            bindings.append(tickets.map { Int64($0.numberWidth) })
            bindings.append(tickets.map(\.issuedAt))
            bindings.append(tickets.map(\.clockOffsetMs))
            bindings.append(tickets.map(\.queuedAt))
            bindings.append(tickets.map(\.language))
            bindings.append(tickets.map(\.kiosk))
            bindings.append(tickets.map(\.now))
            // Arrays carry no NULL: a ticket not held has 0 and `false`.
            let held = tickets.map { $0.held() }
            bindings.append(held.map { $0 ?? 0 })
            bindings.append(held.map { $0 != nil })
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> [SQLValue] { try PostgresSession.values(row) }
    }
}
