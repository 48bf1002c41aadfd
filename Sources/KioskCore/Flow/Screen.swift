/// The screen the kiosk shows; the UI draws it from this value alone (plus catalogue and time).
public enum Screen: Sendable, Hashable {
    case attract
    case language
    /// The agency grid, `page` counted from 0.
    case agencies(page: Int)
    /// The services of one agency, `page` counted from 0.
    case services(AgencyID, page: Int)
    /// A ticket was issued: its number, large, and how printing went.
    case ticket(Ticket, PrintState)
    /// Something went wrong that the citizen must be told; `back` returns to `returnTo`.
    case notice(TextKey, returnTo: ReturnPoint)
}

/// How far printing of an issued ticket has got.
public enum PrintState: Sendable, Hashable {
    case printing
    case printed
    /// The number is issued and durable but no paper came out: the citizen must be told.
    case failed
    /// The printer could not print, so the number is issued on screen only, for the citizen to note.
    case screenOnly
}

/// A screen a notice can return to.
public enum ReturnPoint: Sendable, Hashable {
    case attract
    /// Onward to the language choice (after a notice the citizen may go on from).
    case language
    case services(AgencyID, page: Int)
}
