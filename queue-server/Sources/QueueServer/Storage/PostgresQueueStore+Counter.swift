import KioskCore
import KioskProtocol
import PostgresNIO

/// Counter operations, with the rules of `SQLiteQueueStore+Counter.swift`. A site's calls take
/// turns through a transaction-scoped advisory lock, so two counters (of any server process) never
/// call one ticket and the priority policy sees every call.
extension PostgresQueueStore {
    func callNext(_ request: CallNextRequest, staff: String, site: String, now: Int64) async throws -> QueueTicket? {
        let rules = try await catalogue(site).rules
        guard !request.serviceIds.isEmpty, request.serviceIds.count <= 50 else { throw Problems.invalid("serviceIds must list 1…50 services") }
        guard (1...32).contains(request.counterId.unicodeScalars.count) else { throw Problems.invalid("counterId must be 1…32 characters") }
        for id in request.serviceIds where rules.catalogue.service(ServiceID(id)) == nil {
            throw Problems.unprocessable("unknown-service", "Unknown service", "no service \(Problems.quoted(id))")
        }
        return try await writer.perform { [self] session in
            try await session.run("SELECT pg_advisory_xact_lock(hashtext('call-next ' || \(site)))")
            func oldest(priority: Bool) async throws -> String? {
                var binds = PostgresBindings()
                binds.append(site)
                binds.append(request.serviceIds)
                binds.append(request.day)
                binds.append(priority)
                binds.append(now)
                return try await session.first(PostgresQuery(unsafeSQL: Self.oldestCallableSQL, binds: binds))?.text(0)
            }
            let priorityTicket = try await oldest(priority: true)
            let normalTicket = try await oldest(priority: false)
            let since = try await session.first(
                "SELECT calls_since_priority FROM counters WHERE site_id = \(site) AND counter_id = \(request.counterId)")?.int(0) ?? 0
            let takePriority = policy.callPriority(
                callsSincePriority: since, priorityWaiting: priorityTicket != nil, normalWaiting: normalTicket != nil)
            guard let chosen = takePriority ? priorityTicket : normalTicket else { return nil }
            let calls = takePriority ? 0 : since + 1
            try await session.rows(
                """
                INSERT INTO counters (site_id, counter_id, calls_since_priority) VALUES (\(site), \(request.counterId), \(calls))
                ON CONFLICT (site_id, counter_id) DO UPDATE SET calls_since_priority = excluded.calls_since_priority
                """)
            try await session.rows(
                "UPDATE tickets SET state = 'called', counter_id = \(request.counterId), called_at = \(now) WHERE ticket_id = \(chosen)")
            return try await viewFound(session, chosen)
        }
    }

    /// The oldest callable ticket of one priority among a site's queues: for each queue, the first
    /// entry of the index `tickets_callable` past any held ones (one short index read, however long
    /// the queue), then the oldest of those. $1 site, $2 services, $3 day, $4 priority, $5 now.
    static let oldestCallableSQL = """
        SELECT o.ticket_id FROM unnest($2::text[]) AS s(id) CROSS JOIN LATERAL (
            SELECT t.ticket_id, t.queued_at FROM tickets t
            WHERE t.site_id = $1 AND t.queue_service_id = s.id AND t.day = $3 AND t.state = 'waiting' AND t.priority = $4
            AND (t.held_until IS NULL OR t.held_until <= $5)
            ORDER BY t.queued_at, t.ticket_id LIMIT 1) o
        ORDER BY o.queued_at, o.ticket_id LIMIT 1
        """

    func counterAction(
        _ action: CounterAction, ticketID: String, transferTo: String?, staff: String, site: String, now: Int64
    ) async throws -> QueueTicket {
        if action == .transfer {
            guard let target = transferTo, try await catalogue(site).rules.catalogue.service(ServiceID(target)) != nil else {
                throw Problems.unprocessable("unknown-service", "Unknown service", "transfer needs a serviceId from the catalogue")
            }
        }
        return try await writer.perform { [self] session in
            // Staff act on their own site's tickets only.
            guard let row = try await find(session, ticketID, lock: true), try row.text(16) == site else {
                throw Problems.notFound("no ticket \(Problems.quoted(ticketID))")
            }
            let state = try row.text(9)
            let allowed: [TicketState] =
                switch action {
                case .recall, .start, .noShow: [.called]
                case .done: [.serving]
                case .transfer: [.waiting, .called, .serving]
                }
            guard allowed.map(\.rawValue).contains(state) else {
                throw Problems.conflict(
                    "invalid-transition", "Not possible in this state", "\(action.rawValue) needs a ticket that is "
                        + allowed.map(\.rawValue).joined(separator: " or ") + "; this one is \(state)")
            }
            let update: PostgresQuery =
                switch action {
                case .recall: "UPDATE tickets SET called_at = \(now) WHERE ticket_id = \(ticketID)"
                case .start: "UPDATE tickets SET state = 'serving', started_at = \(now) WHERE ticket_id = \(ticketID)"
                case .done: "UPDATE tickets SET state = 'done', finished_at = \(now) WHERE ticket_id = \(ticketID)"
                case .noShow: "UPDATE tickets SET state = 'noShow', finished_at = \(now) WHERE ticket_id = \(ticketID)"
                case .transfer:
                    """
                    UPDATE tickets SET state = 'waiting', queue_service_id = \(transferTo), counter_id = NULL, called_at = NULL,
                        started_at = NULL WHERE ticket_id = \(ticketID)
                    """
                }
            try await session.rows(update)
            return try await viewFound(session, ticketID)
        }
    }
}
