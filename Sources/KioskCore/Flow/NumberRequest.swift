/// A ticket waiting for its number from the queue server (linked kiosks only): everything but the
/// number, which comes back in ``Event/ticketNumbered(_:_:)``.
public struct NumberRequest: Sendable, Hashable {
    public var id: TicketID
    public var serviceID: ServiceID
    public var agencyID: AgencyID
    /// Local day of `issuedAt`, `YYYY-MM-DD`.
    public var day: String
    public var issuedAt: Timestamp
    public var language: Language
    public var priority: TicketPriority?
    public var bookingCode: BookingCode?
    /// How long the server has to answer, from when the runtime asks: then ``Event/numberDeadlinePassed(_:)``
    /// is due (``FlowSettings/numberDeadlineMilliseconds``).
    public var deadlineMilliseconds = FlowSettings.defaultNumberDeadlineMilliseconds

    /// The ticket as numbered.
    func ticket(_ numbered: NumberedTicket) -> Ticket {
        var ticket = Ticket(
            id: id, serviceID: serviceID, agencyID: agencyID, day: day, sequence: numbered.sequence ?? 0,
            number: numbered.number, issuedAt: issuedAt, peopleAhead: numbered.peopleAhead, language: language,
            priority: priority, bookingCode: bookingCode)
        ticket.estimatedWaitMinutes = numbered.estimatedWaitMinutes
        ticket.offline = numbered.offline
        return ticket
    }
}

/// The number the queue server gave a ticket, or the kiosk gave it offline.
public struct NumberedTicket: Sendable, Hashable {
    /// The visible number, e.g. `A-023`, or `A-K01-0001` from the kiosk-marked series.
    public var number: String
    /// Position in the service's daily sequence; nil for a kiosk-marked number.
    public var sequence: Int?
    /// People ahead and the estimated wait, as the server answered; nil offline.
    public var peopleAhead: Int?
    public var estimatedWaitMinutes: Int?
    /// True when the kiosk numbered it from a lease or its own series (the server did not answer in time).
    public var offline: Bool

    public init(number: String, sequence: Int?, peopleAhead: Int?, estimatedWaitMinutes: Int?, offline: Bool) {
        self.number = number
        self.sequence = sequence
        self.peopleAhead = peopleAhead
        self.estimatedWaitMinutes = estimatedWaitMinutes
        self.offline = offline
    }
}

/// Why the queue server would not number a ticket (it answered, so no ticket exists).
public enum NumberRefusal: Sendable, Hashable {
    case closed
    case full
}
