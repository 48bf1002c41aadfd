import KioskCore

/// An MPP day as citizens make it: they come from a quarter before opening (08:00 WITA) until the last
/// tickets at 14:30, most between 08:30 and 10:30 (the morning peak), fewer around midday.
enum DayCurve {
    /// Relative arrivals per half hour from 07:45 (a quarter hour first), local time.
    static let halfHours: [(startMinute: Int, minutes: Int, weight: Double)] = [
        (7 * 60 + 45, 15, 0.6), (8 * 60, 30, 1.4), (8 * 60 + 30, 30, 2.4), (9 * 60, 30, 2.8), (9 * 60 + 30, 30, 2.6),
        (10 * 60, 30, 2.0), (10 * 60 + 30, 30, 1.6), (11 * 60, 30, 1.3), (11 * 60 + 30, 30, 0.9), (12 * 60, 30, 0.8),
        (12 * 60 + 30, 30, 0.9), (13 * 60, 30, 1.1), (13 * 60 + 30, 30, 0.9), (14 * 60, 30, 0.6), (14 * 60 + 30, 30, 0.2),
    ]

    /// `count` arrival times (ms) on the day whose local midnight is `midnight`, in order.
    static func arrivals(_ count: Int, midnight: Int64, dice: Dice) -> [Int64] {
        let weights = halfHours.map(\.weight)
        return (0..<count).map { _ in
            let slot = halfHours[dice.weighted(weights)]
            return midnight + Int64(slot.startMinute) * 60_000 + dice.int(0...Int64(slot.minutes) * 60_000 - 1)
        }.sorted()
    }

    /// The ms since the epoch of `minute` past local midnight `midnight`.
    static func at(_ midnight: Int64, minute: Int) -> Int64 { midnight + Int64(minute) * 60_000 }

    /// Local midnight (WITA) of `day` (`YYYY-MM-DD`), ms since the epoch; nil when it is not a date.
    static func midnight(of day: String) -> Int64? {
        let parts = day.split(separator: "-").compactMap { Int64($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]), (1970...9999).contains(parts[0]) else { return nil }
        let (year, month, dayOfMonth) = (parts[0], parts[1], parts[2])
        // Days from 1970-01-01 (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + dayOfMonth - 1
        let days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
        return days * 86_400_000 - Int64(KioskTimeZone.wita.offsetSeconds) * 1000
    }

    /// The local day key of `milliseconds`.
    static func dayKey(_ milliseconds: Int64) -> String {
        LocalTime(Timestamp(millisecondsSinceEpoch: milliseconds), zone: .wita).dayKey
    }
}
