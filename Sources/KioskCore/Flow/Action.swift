/// What a citizen asked for by pressing a button; the UI's hit-testing produces these.
public enum Action: Sendable, Hashable {
    /// Any touch on the attract screen.
    case start
    case chooseLanguage(Language)
    case chooseAgency(AgencyID)
    case chooseService(ServiceID)
    case nextPage
    case previousPage
    /// One screen back.
    case back
    /// Leave the ticket screen.
    case done
    /// Open the priority choice from the service screen.
    case askPriority
    /// Choose a priority group, or none.
    case choosePriority(TicketPriority?)
    /// Take the ticket for the booking shown.
    case takeBookedTicket
}
