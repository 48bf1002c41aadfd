/// What a citizen asked for by pressing a button; the UI's hit-testing produces these.
public enum Action: Sendable, Hashable {
    /// The ID | EN switch, on every citizen screen: the same screen in `language`.
    case chooseLanguage(Language)
    /// A category of agencies on the first screen (its index in the catalogue).
    case chooseCategory(Int)
    case chooseAgency(AgencyID)
    /// A service; a closed or full one explains itself.
    case chooseService(ServiceID)
    case nextPage
    case previousPage
    /// Back to the screen the citizen saw before this one.
    case back
    /// Leave the ticket screen.
    case done
    /// Open the priority choice (from the first screen or a service screen).
    case askPriority
    /// Choose a priority group, or none.
    case choosePriority(TicketPriority?)
    /// Take the ticket for the booking shown.
    case takeBookedTicket
    /// "Masih di sini? / Still there?" answered: the citizen stays where they were.
    case stillHere
    /// Technician: a digit (0–9) on the PIN pad.
    case pinDigit(UInt8)
    /// Technician: erase the last digit on the PIN pad.
    case pinErase
    /// Technician: check the PIN typed.
    case pinEnter
    /// Technician: open this diagnostics screen.
    case openDiagnostics(DiagnosticsScreen)
    /// Technician: leave the PIN pad or diagnostics for the first screen.
    case leaveDiagnostics
    /// Technician: print a test page (marked TEST, never a ticket).
    case printTestPage
    /// Technician: a new paper roll is in; the paper counter starts again.
    case newPaperRoll
}
