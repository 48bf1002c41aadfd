/// A ticket the kiosk issued offline, from its outbox.
public struct OfflineTicket: Codable, Sendable, Hashable {
    public var ticket: IssueTicketRequest
    /// The leased sequence the kiosk printed; nil when it printed a kiosk-marked fallback number.
    public var sequence: Int?
    /// The number as printed (checked against `sequence` when there is one).
    public var number: String
    /// False when the kiosk could not print it: the server keeps it, voided, so its number is never reused.
    public var printed: Bool
    /// The service day the kiosk numbered it for (its lease's day), `YYYY-MM-DD`; nil from older kiosks
    /// (the server then derives the day from `issuedAt + clockOffsetMs`).
    public var day: String?

    public init(ticket: IssueTicketRequest, sequence: Int?, number: String, printed: Bool = true, day: String? = nil) {
        self.ticket = ticket
        self.sequence = sequence
        self.number = number
        self.printed = printed
        self.day = day
    }
}

/// Offline tickets sent together, oldest first.
public struct SyncBatch: Codable, Sendable, Hashable {
    public var tickets: [OfflineTicket]
    public init(tickets: [OfflineTicket]) { self.tickets = tickets }
}

/// What became of one offline ticket.
public enum SyncOutcome: String, Codable, Sendable {
    /// Stored now.
    case accepted
    /// Stored before (same id, same content): nothing changed.
    case alreadyKnown
    /// Not stored; `reason` says why. The kiosk keeps it for a person to look at.
    case rejected
}

/// The server's answer for one ticket of a batch.
public struct SyncResult: Codable, Sendable, Hashable {
    public var ticketId: String
    public var outcome: SyncOutcome
    /// A problem type (`closed`, `quota-exhausted`, `not-leased`, …) when rejected.
    public var reason: String?
    public var ticket: QueueTicket?

    public init(ticketId: String, outcome: SyncOutcome, reason: String?, ticket: QueueTicket?) {
        self.ticketId = ticketId
        self.outcome = outcome
        self.reason = reason
        self.ticket = ticket
    }
}

/// The answer to a batch: one result per ticket, in the batch's order.
public struct SyncReply: Codable, Sendable, Hashable {
    public var results: [SyncResult]
    public init(results: [SyncResult]) { self.results = results }
}
