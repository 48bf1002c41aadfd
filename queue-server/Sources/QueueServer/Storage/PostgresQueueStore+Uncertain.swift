import KioskProtocol
import PostgresNIO

/// Tickets whose print was reported uncertain, with the rules of `SQLiteQueueStore+Uncertain.swift`.
extension PostgresQueueStore {
    func uncertainTickets(site: String?) async throws -> UncertainTickets {
        let rows = try await read { session in
            try await session.rows(
                """
                SELECT \(unescaped: Self.ticketColumns) FROM tickets t WHERE t.print_uncertain AND t.state IN ('waiting', 'called', 'serving')
                AND (\(site)::text IS NULL OR t.site_id = \(site)) ORDER BY t.queued_at, t.ticket_id LIMIT \(UncertainPrint.listLimit)
                """)
        }
        return UncertainTickets(tickets: try rows.map { try view($0) })
    }

    func settleUncertain(_ settlement: UncertainPrint.Settlement, ticketID: String, site: String, now: Int64) async throws -> QueueTicket {
        try await writer.perform { [self] session in
            guard let row = try await find(session, ticketID, lock: true), try row.text(16) == site else {
                throw Problems.notFound("no ticket \(Problems.quoted(ticketID))")
            }
            try UncertainPrint.check(settlement, state: try row.text(9), marked: try row.int(17) == 1)
            switch settlement {
            case .confirm:
                try await session.rows("UPDATE tickets SET print_uncertain = false WHERE ticket_id = \(ticketID)")
            case .void:
                try await session.rows(
                    "UPDATE tickets SET state = 'voided', void_reason = \(UncertainPrint.voidReason), print_uncertain = false WHERE ticket_id = \(ticketID)")
            }
            return try await viewFound(session, ticketID)
        }
    }
}
