/// The screen the kiosk shows; the UI draws it from this value alone (plus catalogue and time).
public enum Screen: Sendable, Hashable {
    /// The first screen, the agency choice itself: every agency by its short name (or the first
    /// page of them, or the catalogue's categories when they do not all fit), the ID | EN switch
    /// and "Prioritas". When no service takes tickets, or the printer cannot print and no number
    /// may be shown on screen only, it says so in both languages instead of offering agencies.
    case home
    /// A later page of the agency choice, `page` counted from 0 (the first screen shows page 0).
    case agencies(page: Int)
    /// The agencies of the catalogue's category `index`, chosen on the first screen.
    case category(Int)
    /// The agencies whose short name (in the citizen's language) starts with this letter of the
    /// first screen's letter index.
    case letter(Character)
    /// The services of one agency, `page` counted from 0.
    case services(AgencyID, page: Int)
    /// A ticket was issued: its number, large, and how printing went.
    case ticket(Ticket, PrintState)
    /// Something went wrong that the citizen must be told; `back` returns to `returnTo`.
    case notice(TextKey, returnTo: ReturnPoint)
    /// A closed or full service the citizen touched: why, its hours today and when it takes
    /// tickets again; `back` returns to the screen it was touched on.
    case unavailable(ServiceID)
    /// A scanned code is being looked up.
    case checking(PendingLookup)
    /// A booking that may check in now: agency, service, booked time, "take ticket" and "cancel".
    case booking(Booking)
    /// The priority groups to choose from; a choice returns to the screen before.
    case priorityChoice
    /// "Your place in the queue" for a ticket this kiosk issued, after its QR was scanned.
    case ticketStatus(Ticket)
    /// What a scan could not do, in Indonesian and English (a scan may come before a language
    /// is chosen); `back` returns to the first screen.
    case scanNotice(TextKey)
    /// The citizen satisfaction survey, from "Nilai layanan kami / Rate our service" on the first screen.
    case survey(SurveyStep)
    /// The kiosk cannot serve (a broken configuration, an unreadable token): an apology in both
    /// languages, and `reason` for the technician. The flow never leaves it; only a restart does.
    case outOfService(reason: String)
    /// The technician's PIN pad and diagnostics screens (never shown mid-ticket).
    case diagnostics(DiagnosticsScreen)
}

/// What a ``Screen/checking(_:)`` screen waits for.
public enum PendingLookup: Sendable, Hashable {
    case booking(BookingCode)
    case ticket(TicketID)
    /// The queue server is numbering a ticket (linked kiosks, at most the deadline).
    case number(TicketID)
}

/// How far printing of an issued ticket has got.
public enum PrintState: Sendable, Hashable {
    case printing
    case printed
    /// The number is issued and durable but no paper came out: the citizen must be told.
    case failed
    /// The number is issued and durable, but the printer did not confirm the ticket: the citizen
    /// is told to note the number in case no ticket came out.
    case uncertain
    /// The printer could not print, so the number is issued on screen only, for the citizen to note.
    case screenOnly
}

/// A screen a notice can return to.
public enum ReturnPoint: Sendable, Hashable {
    /// The first screen, starting afresh.
    case home
    case services(AgencyID, page: Int)
}
