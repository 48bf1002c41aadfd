import KioskProtocol

/// Tickets whose print was reported uncertain: listed for staff, confirmed or voided by them (``UncertainPrint``).
extension SQLiteQueueStore {
    func uncertainTickets(site: String?) async throws -> UncertainTickets {
        try readers.read { database in
            let rows = try database.query(
                """
                SELECT \(SQLiteSchema.ticketColumns) FROM tickets WHERE print_uncertain = 1 AND state IN ('waiting', 'called', 'serving')
                AND (? IS NULL OR site_id = ?) ORDER BY queued_at, ticket_id LIMIT \(UncertainPrint.listLimit)
                """, [.optional(site), .optional(site)])
            return UncertainTickets(tickets: try rows.map { try view(database, $0) })
        }
    }

    func settleUncertain(_ settlement: UncertainPrint.Settlement, ticketID: String, site: String, now: Int64) async throws -> QueueTicket {
        try await writer.perform { [self] database in
            guard let row = try find(database, ticketID), try row.text(16) == site else { throw Problems.notFound("no ticket \(Problems.quoted(ticketID))") }
            try UncertainPrint.check(settlement, state: try row.text(9), marked: try row.int(17) == 1)
            switch settlement {
            case .confirm:
                try database.query("UPDATE tickets SET print_uncertain = 0 WHERE ticket_id = ?", [.text(ticketID)])
            case .void:
                try database.query(
                    "UPDATE tickets SET state = 'voided', void_reason = ?, print_uncertain = 0 WHERE ticket_id = ?",
                    [.text(UncertainPrint.voidReason), .text(ticketID)])
            }
            return try view(database, try found(database, ticketID))
        }
    }
}
