/// Whether a service takes new tickets at a moment, and if not, why and when it does again.
public enum TicketWindow: Sendable, Hashable {
    /// Tickets until `lastTicket` (exclusive); `session` is the quota session, when the service has them.
    case open(lastTicket: TimeOfDay, session: Int?)
    /// No tickets now; `next` is the next moment it takes them (nil: none within a year).
    case closed(ClosedReason, next: Opening?)
}

/// Why a service takes no tickets now.
public enum ClosedReason: Sendable, Hashable {
    /// A calendar entry closes it today (a holiday, cuti bersama, a regional day, a closure).
    case dayOff(CalendarEntry)
    /// No opening hours on this weekday (a weekend), or none left after breaks and sessions.
    case noHoursToday
    /// Today's tickets stopped at this time, before closing (the last-ticket cutoff).
    case lastTicketPassed(TimeOfDay)
    /// A building-wide break (Friday prayers).
    case onBreak(BreakTime)
    /// Before opening, between two opening ranges or sessions, or after closing.
    case outsideHours
}

/// A moment a service opens: a day and a time.
public struct Opening: Sendable, Hashable {
    public var date: CalendarDate
    public var time: TimeOfDay

    public init(date: CalendarDate, time: TimeOfDay) {
        self.date = date
        self.time = time
    }
}
