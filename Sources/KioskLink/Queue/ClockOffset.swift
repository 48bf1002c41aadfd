import Synchronization

/// The kiosk's estimate of (server clock − kiosk clock), from the server's `Date` headers and
/// heartbeat times, as an interval that every consistent sample narrows.
///
/// A reply generated at server time `s` (known to within `[low, high]`) was made between the
/// kiosk's send `t0` and receive `t1`, so the offset lies in `[low − t1, high − t0]`. A `Date`
/// header has whole seconds (`high = low + 999`); a heartbeat's `serverTime` is exact. A sample
/// that does not overlap the interval (a clock was stepped) starts the estimate over.
public final class ClockOffset: Sendable {
    private let bounds = Mutex<(low: Int64, high: Int64)?>(nil)

    public init() {}

    /// Best estimate in milliseconds: the middle of the interval, 0 before any sample.
    public var milliseconds: Int64 {
        bounds.withLock { interval in interval.map { ($0.low + $0.high) / 2 } ?? 0 }
    }

    /// Width of the interval in milliseconds; nil before any sample.
    public var uncertainty: Int64? { bounds.withLock { interval in interval.map { $0.high - $0.low } } }

    /// Adds a sample: the server's clock read between `sentAt` and `receivedAt` (kiosk ms) was in `serverLow...serverHigh`.
    /// A sample with a time beyond ±35,000 years (a hostile reply) is ignored, so no sum or difference overflows.
    public func add(serverLow: Int64, serverHigh: Int64, sentAt: Int64, receivedAt: Int64) {
        guard [serverLow, serverHigh, sentAt, receivedAt].allSatisfy(Self.plausible.contains) else { return }
        let low = serverLow - receivedAt, high = serverHigh - sentAt
        bounds.withLock { interval in
            if let current = interval, max(current.low, low) <= min(current.high, high) {
                interval = (max(current.low, low), min(current.high, high))
            } else {
                interval = (low, high)
            }
        }
    }

    /// Adds a sample from an HTTP `Date` header (RFC 9110 IMF-fixdate); ignores one it cannot read.
    public func add(dateHeader: String, sentAt: Int64, receivedAt: Int64) {
        guard let seconds = Self.parseIMFFixdate(dateHeader) else { return }
        add(serverLow: seconds * 1000, serverHigh: seconds * 1000 + 999, sentAt: sentAt, receivedAt: receivedAt)
    }

    /// Milliseconds since the epoch that a clock can read: ±2^50, about ±35,000 years.
    private static let plausible: ClosedRange<Int64> = -(1 << 50)...(1 << 50)

    /// Seconds since the epoch for `Sun, 06 Nov 1994 08:49:37 GMT` (years 1…9999).
    static func parseIMFFixdate(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int64(parts[1]),
            let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
                .firstIndex(of: String(parts[2])),
            let year = Int64(parts[3]), (1...9999).contains(year)
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int64($0) }
        guard time.count == 3, (1...31).contains(day), (0..<24).contains(time[0]), (0..<60).contains(time[1]),
            (0..<61).contains(time[2])
        else { return nil }
        return daysSinceEpoch(year: year, month: Int64(month) + 1, day: day) * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
