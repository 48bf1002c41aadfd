import KioskCore
import KioskProtocol
import KioskSQLite

/// Counter operations: staff call, recall, serve, finish, mark no-show and transfer tickets.
extension SQLiteQueueStore {
    func callNext(_ request: CallNextRequest, staff: String, site: String, now: Int64) async throws -> QueueTicket? {
        let rules = try catalogues.of(site).rules
        guard !request.serviceIds.isEmpty, request.serviceIds.count <= 50 else { throw Problems.invalid("serviceIds must list 1…50 services") }
        guard (1...32).contains(request.counterId.unicodeScalars.count) else { throw Problems.invalid("counterId must be 1…32 characters") }
        for id in request.serviceIds where rules.catalogue.service(ServiceID(id)) == nil {
            throw Problems.unprocessable("unknown-service", "Unknown service", "no service \(Problems.quoted(id))")
        }
        return try await writer.perform { [self] database in
            // Each queue's oldest through the index `tickets_callable` (its first entry past held ones), then the oldest of those.
            func oldest(priority: Bool) throws -> String? {
                var best: (queuedAt: Int64, id: String)?
                for service in Set(request.serviceIds) {
                    guard let row = try database.query(
                        Self.oldestCallableSQL, [.text(site), .text(service), .text(request.day), .bool(priority), .integer(now)]
                    ).first else { continue }
                    let candidate = (queuedAt: try row.int64(1), id: try row.text(0))
                    let earlier = best.map {
                        candidate.queuedAt < $0.queuedAt || (candidate.queuedAt == $0.queuedAt && candidate.id.utf8.lexicographicallyPrecedes($0.id.utf8))
                    }
                    if earlier ?? true { best = candidate }
                }
                return best?.id
            }
            let priorityTicket = try oldest(priority: true)
            let normalTicket = try oldest(priority: false)
            let since = try database.query(
                "SELECT calls_since_priority FROM counters WHERE site_id = ? AND counter_id = ?", [.text(site), .text(request.counterId)]
            ).first?.int(0) ?? 0
            let takePriority = policy.callPriority(
                callsSincePriority: since, priorityWaiting: priorityTicket != nil, normalWaiting: normalTicket != nil)
            guard let chosen = takePriority ? priorityTicket : normalTicket else { return nil }
            try database.query(
                """
                INSERT INTO counters (site_id, counter_id, calls_since_priority) VALUES (?, ?, ?)
                ON CONFLICT (site_id, counter_id) DO UPDATE SET calls_since_priority = excluded.calls_since_priority
                """, [.text(site), .text(request.counterId), .int(takePriority ? 0 : since + 1)])
            try database.query(
                "UPDATE tickets SET state = 'called', counter_id = ?, called_at = ? WHERE ticket_id = ?",
                [.text(request.counterId), .integer(now), .text(chosen)])
            return try view(database, try found(database, chosen))
        }
    }

    /// The oldest callable ticket of one priority in one queue: the first entry of the index
    /// `tickets_callable` past any held ones (named: without statistics SQLite could take `tickets_queue`
    /// and pass over the other priority's tickets). Parameters: site, service, day, priority, now.
    static let oldestCallableSQL = """
        SELECT ticket_id, queued_at FROM tickets INDEXED BY tickets_callable WHERE site_id = ? AND queue_service_id = ? AND day = ?
        AND state = 'waiting' AND priority = ? AND (held_until IS NULL OR held_until <= ?) ORDER BY queued_at, ticket_id LIMIT 1
        """

    func counterAction(
        _ action: CounterAction, ticketID: String, transferTo: String?, staff: String, site: String, now: Int64
    ) async throws -> QueueTicket {
        if action == .transfer {
            guard let target = transferTo, try catalogues.of(site).rules.catalogue.service(ServiceID(target)) != nil else {
                throw Problems.unprocessable("unknown-service", "Unknown service", "transfer needs a serviceId from the catalogue")
            }
        }
        return try await writer.perform { [self] database in
            // Staff act on their own site's tickets only.
            guard let row = try find(database, ticketID), try row.text(16) == site else { throw Problems.notFound("no ticket \(Problems.quoted(ticketID))") }
            let state = try row.text(9)
            let (allowed, update, values): ([TicketState], String, [SQLValue]) =
                switch action {
                case .recall: ([.called], "called_at = ?", [.integer(now)])
                case .start: ([.called], "state = 'serving', started_at = ?", [.integer(now)])
                case .done: ([.serving], "state = 'done', finished_at = ?", [.integer(now)])
                case .noShow: ([.called], "state = 'noShow', finished_at = ?", [.integer(now)])
                case .transfer:
                    ([.waiting, .called, .serving],
                     "state = 'waiting', queue_service_id = ?, counter_id = NULL, called_at = NULL, started_at = NULL",
                     [.optional(transferTo)])
                }
            guard allowed.map(\.rawValue).contains(state) else {
                throw Problems.conflict(
                    "invalid-transition", "Not possible in this state", "\(action.rawValue) needs a ticket that is "
                        + allowed.map(\.rawValue).joined(separator: " or ") + "; this one is \(state)")
            }
            try database.query("UPDATE tickets SET \(update) WHERE ticket_id = ?", values + [.text(ticketID)])
            return try view(database, try found(database, ticketID))
        }
    }
}
