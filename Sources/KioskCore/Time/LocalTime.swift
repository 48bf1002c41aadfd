/// A moment as milliseconds since the Unix epoch (UTC). Time enters the core only as values.
public struct Timestamp: Sendable, Hashable, Comparable {
    public var millisecondsSinceEpoch: Int64
    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }
    public init(secondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = secondsSinceEpoch * 1000 }
    public static func < (a: Self, b: Self) -> Bool { a.millisecondsSinceEpoch < b.millisecondsSinceEpoch }
    /// This moment plus `seconds`.
    public func adding(seconds: Int) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + Int64(seconds) * 1000)
    }
}

/// A calendar date and time of day in the kiosk's local time zone.
public struct LocalTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var weekday: Weekday

    /// Converts `timestamp` to civil time at a fixed UTC offset (proleptic Gregorian calendar).
    public init(_ timestamp: Timestamp, zone: KioskTimeZone) {
        let local = timestamp.millisecondsSinceEpoch / 1000 + Int64(zone.offsetSeconds)
        let days = Self.floorDiv(local, 86_400)
        let secondsOfDay = Int(local - days * 86_400)
        hour = secondsOfDay / 3600
        minute = secondsOfDay / 60 % 60
        second = secondsOfDay % 60
        // 1970-01-01 was a Thursday.
        weekday = Weekday(rawValue: Int((Self.floorMod(days + 3, 7))) + 1)!
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = Self.floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        month = Int(mp < 10 ? mp + 3 : mp - 9)
        year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
    }

    /// The local date as `YYYY-MM-DD`: the key that daily ticket sequences restart on.
    public var dayKey: String { "\(year)-\(Self.pad(month))-\(Self.pad(day))" }
    /// `DD-MM-YYYY`, the order Indonesian tickets print dates in.
    public var dateText: String { "\(Self.pad(day))-\(Self.pad(month))-\(year)" }
    /// `HH:MM`.
    public var timeText: String { "\(Self.pad(hour)):\(Self.pad(minute))" }
    public var timeOfDay: TimeOfDay { TimeOfDay(hour: hour, minute: minute) }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    private static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}
