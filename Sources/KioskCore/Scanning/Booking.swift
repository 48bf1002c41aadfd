/// An online booking: a service on a day, in a time window, that becomes a ticket at check-in.
public struct Booking: Sendable, Hashable {
    public var code: BookingCode
    public var serviceID: ServiceID
    /// The local day booked, `YYYY-MM-DD`.
    public var day: String
    /// The booked window of local time.
    public var window: TimeRange
    /// The priority booked (staff verify it at the counter), if any.
    public var priority: TicketPriority?

    public init(code: BookingCode, serviceID: ServiceID, day: String, window: TimeRange, priority: TicketPriority? = nil) {
        self.code = code
        self.serviceID = serviceID
        self.day = day
        self.window = window
        self.priority = priority
    }

    /// Whether the booking may check in at `now`: on its day, from `earlyMinutes` before its
    /// window opens until `lateMinutes` after it closes.
    public func checkIn(at now: Timestamp, zone: KioskTimeZone, earlyMinutes: Int, lateMinutes: Int) -> BookingCheck {
        let local = LocalTime(now, zone: zone)
        guard local.dayKey == day else { return .wrongDay }
        let minute = local.timeOfDay.minutes
        if minute < window.start.minutes - earlyMinutes { return .tooEarly }
        if minute >= window.end.minutes + lateMinutes { return .tooLate }
        return .accepted
    }
}

/// The outcome of checking a booking against the clock.
public enum BookingCheck: Sendable, Hashable {
    case accepted
    case wrongDay
    case tooEarly
    case tooLate
}

/// What the booking directory (a local file, later the queue server) said about a code.
public enum BookingLookup: Sendable, Hashable {
    case found(Booking)
    case unknown
    case alreadyUsed
    /// The directory could not be asked; the citizen is sent to the staff.
    case unavailable
}
