/// The link supervisor's schedule as pure rules (issue 17): what a round does, given a monotonic
/// clock's milliseconds and the rounds before it, and how long to wait after it. The supervisor
/// carries a round out step by step, tells the schedule which steps it finished, and waits.
///
/// A round fetches the catalogue (every `catalogueMilliseconds`), renews the leases that reached
/// the low-water mark (``LinkPlan/leasesToRenew(_:lowWater:)``), sends what waits in the outbox
/// (``LinkPlan/next(_:)``), then sends a heartbeat (every `heartbeatMilliseconds`, or at once when
/// a technician asks for a sync). A round that fails anywhere is tried again after a backoff with
/// full jitter; one that went well is followed by the next after `idleMilliseconds`.
public struct LinkSchedule: Sendable, Hashable {
    /// What one round does, in this order.
    public struct Round: Sendable, Hashable {
        /// Fetch the catalogue (with its ETag): at the first round, then every `catalogueMilliseconds`.
        public var fetchCatalogue: Bool
        /// Leases are renewed in every round, for the services ``LinkPlan`` names.
        public var renewLeases: Bool { true }
        /// Send the tickets' outbox: when something waits in it.
        public var sendTickets: Bool
        /// Send the survey answers' outbox, after the tickets (a survey is taken only for a ticket the server holds).
        public var sendSurveys: Bool
        /// Send a heartbeat: at the first round, then every `heartbeatMilliseconds`, and when a technician asked.
        public var heartbeat: Bool
    }

    /// A periodic step the supervisor finished.
    public enum Step: Sendable, Hashable {
        case catalogueFetched
        case heartbeatSent
    }

    public let heartbeatMilliseconds: Int64
    public let catalogueMilliseconds: Int64
    /// The pause after a round that went well.
    public let idleMilliseconds: Int
    /// The shortest pause after a failed round (the jittered backoff may draw 0).
    public let shortestRetryMilliseconds: Int
    public private(set) var backoff: Backoff
    /// When the next catalogue and heartbeat are due; nil: at once.
    private var nextCatalogue: Int64?
    private var nextHeartbeat: Int64?

    /// A heartbeat every `heartbeatSeconds` (a configured number: a huge one saturates), the catalogue every `catalogueSeconds`.
    public init(
        heartbeatSeconds: Int, catalogueSeconds: Int = 300, idleMilliseconds: Int = 1000, shortestRetryMilliseconds: Int = 100,
        backoff: Backoff = Backoff(baseMilliseconds: 500, capMilliseconds: 15_000)
    ) {
        heartbeatMilliseconds = Self.milliseconds(seconds: heartbeatSeconds)
        catalogueMilliseconds = Self.milliseconds(seconds: catalogueSeconds)
        self.idleMilliseconds = idleMilliseconds
        self.shortestRetryMilliseconds = shortestRetryMilliseconds
        self.backoff = backoff
    }

    /// The round to carry out at `now`, with `tickets` and `surveys` waiting in the outboxes.
    public func round(at now: Int64, syncAsked: Bool, tickets: Int, surveys: Int) -> Round {
        Round(
            fetchCatalogue: nextCatalogue.map { now >= $0 } ?? true, sendTickets: tickets > 0, sendSurveys: surveys > 0,
            heartbeat: syncAsked || (nextHeartbeat.map { now >= $0 } ?? true))
    }

    /// Counts `step` done in the round that began at `start`: the next is due one period after `start`,
    /// also when a later step of that round fails.
    public mutating func finished(_ step: Step, roundStartedAt start: Int64) {
        switch step {
        case .catalogueFetched: nextCatalogue = Self.adding(start, catalogueMilliseconds)
        case .heartbeatSent: nextHeartbeat = Self.adding(start, heartbeatMilliseconds)
        }
    }

    /// A round went well: the backoff starts over. Returns the milliseconds to wait before the next round.
    public mutating func succeeded() -> Int {
        backoff.succeeded()
        return idleMilliseconds
    }

    /// A round failed: returns the milliseconds to wait before the next try, drawn by the backoff.
    public mutating func failed(using generator: inout some RandomNumberGenerator) -> Int {
        max(shortestRetryMilliseconds, backoff.failed(using: &generator))
    }

    private static func milliseconds(seconds: Int) -> Int64 {
        let (product, overflow) = Int64(clamping: seconds).multipliedReportingOverflow(by: 1000)
        return overflow ? (seconds < 0 ? Int64.min : Int64.max) : product
    }

    private static func adding(_ start: Int64, _ period: Int64) -> Int64 {
        let (sum, overflow) = start.addingReportingOverflow(period)
        return overflow ? (period < 0 ? Int64.min : Int64.max) : sum
    }
}
