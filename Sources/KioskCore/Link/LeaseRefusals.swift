/// When to ask again for a lease the server refused (issue 17's lease storm): a refused lease (the
/// quota used up, the service closed that day) is not asked again every round, only when something
/// changed that could change the answer: the day, the catalogue, or `retryMilliseconds` (minutes) passed
/// on the link's monotonic clock. A pure rule: ``LeaseKeeper`` records refusals and asks it before each request.
public struct LeaseRefusals: Sendable, Hashable {
    /// Five minutes: a voided ticket may free a number of a full service, and staff may open one.
    public static let defaultRetryMilliseconds: Int64 = 5 * 60_000

    public let retryMilliseconds: Int64
    private var refused: [Key: Refusal] = [:]

    private struct Key: Sendable, Hashable {
        var service: ServiceID
        var series: NumberSeries
    }

    private struct Refusal: Sendable, Hashable {
        var day: String
        var at: Int64
    }

    public init(retryMilliseconds: Int64 = Self.defaultRetryMilliseconds) {
        self.retryMilliseconds = retryMilliseconds
    }

    /// Whether to ask the server for a lease of `service`'s `series` on `day` at `now` (monotonic milliseconds):
    /// yes unless it refused one for that day less than `retryMilliseconds` ago.
    public func mayAsk(_ service: ServiceID, series: NumberSeries, day: String, now: Int64) -> Bool {
        guard let refusal = refused[Key(service: service, series: series)], refusal.day == day else { return true }
        let (since, overflow) = now.subtractingReportingOverflow(refusal.at)
        // A clock that went back, or a difference past Int64: ask rather than wait for ever.
        return overflow || since < 0 || since >= retryMilliseconds
    }

    /// The server refused a lease of `service`'s `series` on `day` at `now`.
    public mutating func refused(_ service: ServiceID, series: NumberSeries, day: String, at now: Int64) {
        refused[Key(service: service, series: series)] = Refusal(day: day, at: now)
    }

    /// The server granted one: nothing to wait for.
    public mutating func granted(_ service: ServiceID, series: NumberSeries) {
        refused[Key(service: service, series: series)] = nil
    }

    /// A new catalogue took effect (hours or quotas may have changed): every refusal is forgotten.
    public mutating func catalogueChanged() {
        refused = [:]
    }
}
