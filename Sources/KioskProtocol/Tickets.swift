/// A kiosk's request for a ticket, online; `ticketId` is the kiosk-made idempotency key.
public struct IssueTicketRequest: Codable, Sendable, Hashable {
    /// A UUID the kiosk made before sending anything (lowercase 8-4-4-4-12).
    public var ticketId: String
    public var serviceId: String
    /// The moment of issue on the kiosk's clock, milliseconds since the Unix epoch.
    public var issuedAt: Int64
    /// The kiosk's best estimate of (server clock − kiosk clock), in milliseconds.
    public var clockOffsetMs: Int64
    /// `id` or `en`: the language the citizen used.
    public var language: String
    /// True for a priority citizen (elderly, disabled, pregnant): called by the priority policy.
    public var priority: Bool
    /// How long the kiosk waits for the answer (its deadline), online only. A ticket the server
    /// stores later than that is held (not callable) until the kiosk confirms it printed, syncs the
    /// number it printed instead, or the hold ends (docs/ticket-identity.md). Nil: never held.
    public var answerWithinMs: Int?
    /// True from a kiosk that reports every print outcome, online only: the server holds the ticket
    /// (not callable) until the kiosk says it printed it, syncs the number it printed instead, or
    /// the hold ends, so an answer lost on the way back never lets a counter call a number no paper
    /// carries. Nil or false: held only when late.
    public var holdUntilPrinted: Bool?

    public init(
        ticketId: String, serviceId: String, issuedAt: Int64, clockOffsetMs: Int64 = 0, language: String = "id",
        priority: Bool = false, answerWithinMs: Int? = nil, holdUntilPrinted: Bool? = nil
    ) {
        self.ticketId = ticketId
        self.serviceId = serviceId
        self.issuedAt = issuedAt
        self.clockOffsetMs = clockOffsetMs
        self.language = language
        self.priority = priority
        self.answerWithinMs = answerWithinMs
        self.holdUntilPrinted = holdUntilPrinted
    }
}

/// Where a ticket is in its life.
public enum TicketState: String, Codable, Sendable, CaseIterable {
    case waiting, called, serving, done, noShow, voided
}

/// A ticket as the server holds it: what the kiosk prints and what a phone shows.
public struct QueueTicket: Codable, Sendable, Hashable {
    public var ticketId: String
    public var serviceId: String
    public var agencyId: String
    /// Local day of the service's sequence, `YYYY-MM-DD` (WITA).
    public var day: String
    /// Position in the service's daily sequence; nil for a kiosk-marked fallback number.
    public var sequence: Int?
    /// The number a citizen sees and a counter calls, e.g. `A-023`.
    public var number: String
    /// The moment of issue on the server's clock (kiosk clock + offset), ms since the epoch.
    public var queuedAt: Int64
    public var priority: Bool
    /// True for a priority the citizen claimed at a kiosk (not from a booking): staff check it at the counter.
    public var priorityToCheck: Bool
    /// True when its kiosk reported the print `uncertain` (the paper may or may not have come out)
    /// and staff have not confirmed it yet: a counter calling it may find nobody.
    public var printUncertain: Bool
    public var state: TicketState
    /// People waiting before this ticket in its service's queue; nil once it is no longer waiting.
    public var peopleAhead: Int?
    /// People ahead × the moving median of recent service times; nil means unknown (no history yet).
    public var estimatedWaitMinutes: Int?
    /// The counter that called the ticket, once called.
    public var counterId: String?
    /// The citizen page for this ticket (the QR on the printed ticket), relative to the server.
    public var statusPath: String

    public init(
        ticketId: String, serviceId: String, agencyId: String, day: String, sequence: Int?, number: String,
        queuedAt: Int64, priority: Bool, state: TicketState, peopleAhead: Int?, estimatedWaitMinutes: Int?,
        counterId: String?, statusPath: String, priorityToCheck: Bool = false, printUncertain: Bool = false
    ) {
        self.ticketId = ticketId
        self.serviceId = serviceId
        self.agencyId = agencyId
        self.day = day
        self.sequence = sequence
        self.number = number
        self.queuedAt = queuedAt
        self.priority = priority
        self.priorityToCheck = priorityToCheck
        self.printUncertain = printUncertain
        self.state = state
        self.peopleAhead = peopleAhead
        self.estimatedWaitMinutes = estimatedWaitMinutes
        self.counterId = counterId
        self.statusPath = statusPath
    }

    private enum CodingKeys: String, CodingKey {
        case ticketId, serviceId, agencyId, day, sequence, number, queuedAt, priority, priorityToCheck, printUncertain, state, peopleAhead
        case estimatedWaitMinutes, counterId, statusPath
    }

    /// Reads a ticket; `priorityToCheck` and `printUncertain` are false when absent (older servers).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ticketId = try container.decode(String.self, forKey: .ticketId)
        serviceId = try container.decode(String.self, forKey: .serviceId)
        agencyId = try container.decode(String.self, forKey: .agencyId)
        day = try container.decode(String.self, forKey: .day)
        sequence = try container.decodeIfPresent(Int.self, forKey: .sequence)
        number = try container.decode(String.self, forKey: .number)
        queuedAt = try container.decode(Int64.self, forKey: .queuedAt)
        priority = try container.decode(Bool.self, forKey: .priority)
        priorityToCheck = try container.decodeIfPresent(Bool.self, forKey: .priorityToCheck) ?? false
        printUncertain = try container.decodeIfPresent(Bool.self, forKey: .printUncertain) ?? false
        state = try container.decode(TicketState.self, forKey: .state)
        peopleAhead = try container.decodeIfPresent(Int.self, forKey: .peopleAhead)
        estimatedWaitMinutes = try container.decodeIfPresent(Int.self, forKey: .estimatedWaitMinutes)
        counterId = try container.decodeIfPresent(String.self, forKey: .counterId)
        statusPath = try container.decode(String.self, forKey: .statusPath)
    }

    /// Writes absent values as `null`, so "unknown" is said, not left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ticketId, forKey: .ticketId)
        try container.encode(serviceId, forKey: .serviceId)
        try container.encode(agencyId, forKey: .agencyId)
        try container.encode(day, forKey: .day)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(number, forKey: .number)
        try container.encode(queuedAt, forKey: .queuedAt)
        try container.encode(priority, forKey: .priority)
        try container.encode(priorityToCheck, forKey: .priorityToCheck)
        try container.encode(printUncertain, forKey: .printUncertain)
        try container.encode(state, forKey: .state)
        try container.encode(peopleAhead, forKey: .peopleAhead)
        try container.encode(estimatedWaitMinutes, forKey: .estimatedWaitMinutes)
        try container.encode(counterId, forKey: .counterId)
        try container.encode(statusPath, forKey: .statusPath)
    }
}
