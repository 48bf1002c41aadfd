import KioskCore
import KioskProtocol

/// Moments and days from kiosks, checked against the server's clock.
///
/// A kiosk's `issuedAt` and `clockOffsetMs` are hostile numbers: every sum saturates (never traps)
/// and a moment further than ``maxSkewMs`` from where it may be is refused with `clock-skew`.
/// Online tickets and check-ins must claim a moment within the skew of the server's clock; an
/// offline ticket must claim a moment inside its service day widened by the skew, and not in the future.
struct ClockRules: Sendable {
    /// How far a kiosk's corrected clock may be from the server's (default 2 h).
    let maxSkewMs: Int64
    let zone = KioskTimeZone.wita
    static let dayMs: Int64 = 86_400_000
    static let defaultMaxSkewMs: Int64 = 2 * 3_600_000

    /// `issuedAt + clockOffsetMs`, saturating at the ends of Int64.
    static func claimed(issuedAt: Int64, offset: Int64) -> Int64 {
        let (sum, overflow) = issuedAt.addingReportingOverflow(offset)
        guard overflow else { return sum }
        return offset > 0 ? .max : .min
    }

    /// The distance between two moments, saturating.
    static func distance(_ a: Int64, _ b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? .max : (difference == .min ? .max : abs(difference))
    }

    /// Throws `clock-skew` unless `claimed` is within the skew of `now`.
    func checkNear(_ claimed: Int64, now: Int64) throws(Problem) {
        guard Self.distance(claimed, now) <= maxSkewMs else {
            throw skew("issuedAt + clockOffsetMs is \(Self.describe(claimed, from: now)) the server's clock")
        }
    }

    /// Throws `clock-skew` unless `claimed` lies in `day` widened by the skew on both sides and is not
    /// more than the skew ahead of `now`.
    func checkClaim(_ claimed: Int64, in day: ServiceDay, now: Int64) throws(Problem) {
        let start = day.startMs(zone: zone)
        let end = start + Self.dayMs
        guard claimed >= start - maxSkewMs, claimed < end + maxSkewMs else {
            throw skew("issuedAt + clockOffsetMs is not within \(maxSkewMs / 60_000) minutes of \(day)")
        }
        guard claimed <= now + maxSkewMs else {
            throw skew("issuedAt + clockOffsetMs is \(Self.describe(claimed, from: now)) the server's clock")
        }
    }

    /// Throws unless `day` is a real date no more than one day from the server's day at `now`
    /// (a lease is taken for the kiosk's own day, which may differ from the server's near midnight).
    func checkLeaseDay(_ day: ServiceDay, now: Int64) throws(Problem) {
        let today = ServiceDay(LocalTime(Timestamp(millisecondsSinceEpoch: now), zone: zone).dayKey)
        guard let today, abs(day.dayNumber - today.dayNumber) <= 1 else {
            throw Problems.unprocessable(
                "day-out-of-range", "Day out of range", "leases are for the server's day or the day either side; \(day) is not")
        }
    }

    /// The service day of a server-clock moment.
    func day(of moment: Int64) -> ServiceDay {
        // Always a real date: LocalTime is total over Int64.
        ServiceDay(LocalTime(Timestamp(millisecondsSinceEpoch: moment), zone: zone).dayKey) ?? ServiceDay(dayNumber: 0)
    }

    private func skew(_ detail: String) -> Problem {
        Problems.unprocessable(
            "clock-skew", "Kiosk clock too far from the server's",
            detail + "; the limit is \(maxSkewMs / 60_000) minutes: check the kiosk's clock (NTP) and its clock offset")
    }

    private static func describe(_ claimed: Int64, from now: Int64) -> String {
        let minutes = distance(claimed, now) / 60_000
        return claimed < now ? "\(minutes) minutes behind" : "\(minutes) minutes ahead of"
    }
}

/// A calendar day, `YYYY-MM-DD`, that exists (years 0001–9999): the key of daily sequences.
struct ServiceDay: Sendable, Hashable, CustomStringConvertible {
    /// Days since 1970-01-01.
    let dayNumber: Int64

    init(dayNumber: Int64) { self.dayNumber = dayNumber }

    /// Parses `YYYY-MM-DD`; nil for anything else, including 2026-02-30 (KioskCore's ``CalendarDate``).
    init?(_ text: String) {
        guard let date = CalendarDate(text) else { return nil }
        dayNumber = Int64(date.daysSinceEpoch)
    }

    /// The first millisecond of this day in `zone`.
    func startMs(zone: KioskTimeZone) -> Int64 { dayNumber * ClockRules.dayMs - Int64(zone.offsetSeconds) * 1000 }

    var description: String {
        CalendarDate("1970-01-01")!.adding(days: Int(clamping: dayNumber)).map(\.description) ?? "day \(dayNumber)"
    }
}
