/// A day of the week, Monday first as in Indonesian office calendars.
public enum Weekday: Int, Sendable, CaseIterable, Hashable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Three-letter key used in configuration files (`mon` … `sun`).
    public var key: String {
        switch self {
        case .monday: "mon"
        case .tuesday: "tue"
        case .wednesday: "wed"
        case .thursday: "thu"
        case .friday: "fri"
        case .saturday: "sat"
        case .sunday: "sun"
        }
    }
}

/// A time of day in minutes after local midnight (0 ... 1440).
public struct TimeOfDay: Sendable, Hashable, Comparable {
    public var minutes: Int
    public init(minutes: Int) { self.minutes = minutes }
    public init(hour: Int, minute: Int) { self.minutes = hour * 60 + minute }
    public static func < (a: Self, b: Self) -> Bool { a.minutes < b.minutes }
    /// `HH:MM`.
    public var text: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}

/// A half-open interval of local time, `start ..< end`, within one day.
public struct TimeRange: Sendable, Hashable {
    public var start: TimeOfDay
    public var end: TimeOfDay
    public init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }
    public func contains(_ time: TimeOfDay) -> Bool { start <= time && time < end }
}

/// When a service takes tickets: zero or more ranges per weekday; a missing day is closed.
public struct OpeningHours: Sendable, Hashable {
    public var ranges: [Weekday: [TimeRange]]
    public init(_ ranges: [Weekday: [TimeRange]]) { self.ranges = ranges }

    /// Whether the service is open at `time` on `day`.
    public func isOpen(on day: Weekday, at time: TimeOfDay) -> Bool {
        ranges[day, default: []].contains { $0.contains(time) }
    }
}
