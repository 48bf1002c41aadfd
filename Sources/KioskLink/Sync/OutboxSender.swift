import KioskCore
import KioskProtocol

/// Sends the outbox to the server in the order the core's rule gives (``LinkPlan/next(_:)``: oldest
/// first), and removes only what the server acknowledged.
public struct OutboxSender {
    private let client: QueueClient
    private let store: SyncStore
    private let batchSize: Int

    public init(client: QueueClient, store: SyncStore, batchSize: Int) {
        self.client = client
        self.store = store
        self.batchSize = batchSize
    }

    /// Sends one print outcome; returns the server's refusal (4xx: it will never be taken) as text,
    /// throws when the server could not be asked.
    private func send(_ report: PrintReport, of ticketID: String) throws(QueueClientError) -> String? {
        do {
            _ = try client.reportPrint(ticketID: ticketID, report)
            return nil
        } catch {
            guard case .problem(let problem) = error, problem.status < 500 else { throw error }
            return "print outcome of ticket \(ticketID) refused (\(problem.kind)): \(problem.detail ?? problem.title)"
        }
    }

    /// What one pass did.
    public struct Pass: Sendable, Hashable {
        public var sent = 0
        public var rejected = 0
        /// Entries still waiting.
        public var remaining = 0
    }

    /// Sends batches until the outbox is empty; throws on the first failure (the caller backs off),
    /// leaving every unacknowledged entry in place. Returns what was sent; `log` hears every rejection.
    public func drain(now: () -> Int64, log: (String) -> Void = { _ in }) throws -> Pass {
        var pass = Pass()
        while true {
            let entries = try store.oldest(batchSize)
            let kinds = entries.map { entry -> LinkPlan.OutboxEntry in if case .ticket = entry { .ticket } else { .printOutcome } }
            switch LinkPlan.next(kinds) {
            case nil:
                return pass
            case .printOutcome:
                guard case .printOutcome(let position, let ticketID, let report) = entries[0] else { return pass }
                if let refusal = try send(report, of: ticketID) { log(refusal) }
                try store.removeEntry(at: position)
                pass.sent += 1
            case .tickets(let count):
                let tickets = entries.prefix(count).compactMap { entry -> OfflineTicket? in
                    if case .ticket(_, let ticket) = entry { return ticket }
                    return nil
                }
                let reply = try client.sync(SyncBatch(tickets: tickets))
                guard reply.results.count == tickets.count,
                    zip(reply.results, tickets).allSatisfy({ $0.ticketId == $1.ticket.ticketId })
                else {
                    throw QueueClientError.unexpected(status: 200, detail: "sync answer does not match the batch")
                }
                for result in reply.results where result.outcome == .rejected {
                    log("offline ticket \(result.ticketId) rejected by the server: \(result.reason ?? "no reason")")
                    pass.rejected += 1
                }
                try store.acknowledge(reply.results, at: now())
                pass.sent += tickets.count
            }
        }
    }
}
