/// The link supervisor's choices, as pure rules it asks before each request (issue 17): which
/// services' leases to renew, and what to send from the outbox next. The supervisor carries them out.
public enum LinkPlan {
    /// The services to ask a new lease for: those with `lowWater` or fewer leased numbers left, in the given order.
    public static func leasesToRenew(_ left: [(service: ServiceID, numbers: Int)], lowWater: Int) -> [ServiceID] {
        left.filter { $0.numbers <= lowWater }.map(\.service)
    }

    /// An outbox entry's kind, oldest first.
    public enum OutboxEntry: Sendable, Hashable {
        /// A ticket numbered offline, synced in a batch.
        case ticket
        /// A ticket's print outcome, reported on its own.
        case printOutcome
    }

    /// What to send next.
    public enum Send: Sendable, Hashable {
        /// The oldest entry is a print outcome: it goes alone, before anything newer.
        case printOutcome
        /// The oldest `count` entries are tickets: they go as one sync batch; a print outcome after them waits its turn.
        case tickets(count: Int)
    }

    /// The next send from the oldest entries (oldest first), nil when there is none: the outbox goes
    /// strictly in order, so a ticket's print outcome never reaches the server before the ticket.
    public static func next(_ oldest: [OutboxEntry]) -> Send? {
        guard let first = oldest.first else { return nil }
        if first == .printOutcome { return .printOutcome }
        return .tickets(count: oldest.prefix { $0 == .ticket }.count)
    }
}
