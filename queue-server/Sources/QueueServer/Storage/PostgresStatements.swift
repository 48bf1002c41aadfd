import KioskSQLite
import PostgresNIO

/// The store's hot statements, prepared once on each connection (parsed and planned once, then only
/// bound and run): a credential's lookup, a ticket read by id, a number taken, a ticket stored. Every
/// online ticket runs the last three in the writer's transaction and the first before it.
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

    /// Reserves `count` numbers of a site's service and day; answers the sequence's next free number.
    struct Allocate: PostgresPreparedStatement {
        static let sql = """
            INSERT INTO sequences (site_id, service_id, day, next) VALUES ($1, $2, $3, 1 + $4)
            ON CONFLICT (site_id, service_id, day) DO UPDATE SET next = sequences.next + excluded.next - 1 RETURNING next
            """
        var site: String
        var service: String
        var day: String
        var count: Int

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(site)
            bindings.append(service)
            bindings.append(day)
            bindings.append(count)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> [SQLValue] { try PostgresSession.values(row) }
    }

    /// Stores a ticket and reads it back as ``TicketByID`` does, in one round trip.
    struct Insert: PostgresPreparedStatement {
        static let sql = """
            INSERT INTO tickets AS t (ticket_id, site_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
                clock_offset_ms, queued_at, language, priority, kiosk_id, origin, booking_code, state, void_reason, created_at, held_until)
            VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            RETURNING \(PostgresQueueStore.ticketColumns)
            """
        static let bindingDataTypes: [PostgresDataType] = [
            .text, .text, .text, .text, .text, .int8, .text, .int8, .int8, .int8, .text, .bool, .text, .text, .text, .text, .text, .int8, .int8,
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
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> [SQLValue] { try PostgresSession.values(row) }
    }
}
