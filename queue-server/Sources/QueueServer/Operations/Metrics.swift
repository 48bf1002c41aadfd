import Synchronization

/// The server's Prometheus metrics, in the text exposition format (`GET /metrics`).
///
/// Tickets issued by origin, the lag between an offline ticket's issue and its sync, request
/// latency by route, and (computed when scraped) kiosks whose heartbeat is overdue.
final class Metrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
    /// Upper bounds of the sync lag buckets, in seconds (a minute to a day).
    static let lagBuckets: [Double] = [1, 10, 60, 300, 900, 3600, 4 * 3600, 86_400]

    private struct Histogram {
        var counts: [Int]
        var sum = 0.0
        var total = 0
        init(buckets: Int) { counts = Array(repeating: 0, count: buckets) }
        mutating func observe(_ value: Double, bounds: [Double]) {
            for (index, bound) in bounds.enumerated() where value <= bound { counts[index] += 1 }
            sum += value
            total += 1
        }
    }

    private struct State {
        var issued: [String: Int] = [:]
        var syncLag = Histogram(buckets: Metrics.lagBuckets.count)
        var latency: [String: Histogram] = [:]
    }

    private let state = Mutex(State())

    /// One ticket stored, by origin (`online`, `offline`, `booking`).
    func ticketIssued(origin: String) { state.withLock { $0.issued[origin, default: 0] += 1 } }

    /// An offline ticket accepted `seconds` after it was issued.
    func synced(lagSeconds: Double) { state.withLock { $0.syncLag.observe(max(0, lagSeconds), bounds: Self.lagBuckets) } }

    /// A request to `route` (its pattern, not its path) answered after `seconds`.
    func request(route: String, seconds: Double) {
        state.withLock { state in
            state.latency[route, default: Histogram(buckets: Self.latencyBuckets.count)].observe(seconds, bounds: Self.latencyBuckets)
        }
    }

    /// The exposition text, with `kiosksOffline` (kiosks whose last heartbeat is overdue) as a gauge.
    func render(kiosksOffline: Int) -> String {
        let snapshot = state.withLock { $0 }
        var out = "# HELP queue_tickets_issued_total Tickets stored, by origin.\n# TYPE queue_tickets_issued_total counter\n"
        for origin in ["online", "offline", "booking"] {
            out += "queue_tickets_issued_total{origin=\"\(origin)\"} \(snapshot.issued[origin] ?? 0)\n"
        }
        out += "# HELP queue_sync_lag_seconds Time from an offline ticket's issue to its acceptance at sync.\n"
        out += "# TYPE queue_sync_lag_seconds histogram\n"
        out += Self.lines("queue_sync_lag_seconds", "", snapshot.syncLag, Self.lagBuckets)
        out += "# HELP queue_kiosks_offline Kiosks whose last heartbeat is more than 3 minutes old.\n# TYPE queue_kiosks_offline gauge\n"
        out += "queue_kiosks_offline \(kiosksOffline)\n"
        out += "# HELP queue_request_duration_seconds Time to answer a request, by route.\n"
        out += "# TYPE queue_request_duration_seconds histogram\n"
        for route in snapshot.latency.keys.sorted() {
            out += Self.lines("queue_request_duration_seconds", "route=\"\(route)\",", snapshot.latency[route]!, Self.latencyBuckets)
        }
        return out
    }

    private static func lines(_ name: String, _ labels: String, _ histogram: Histogram, _ bounds: [Double]) -> String {
        var out = ""
        for (index, bound) in bounds.enumerated() {
            out += "\(name)_bucket{\(labels)le=\"\(bound)\"} \(histogram.counts[index])\n"
        }
        out += "\(name)_bucket{\(labels)le=\"+Inf\"} \(histogram.total)\n"
        let bare = labels.isEmpty ? "" : "{" + labels.dropLast() + "}"
        out += "\(name)_sum\(bare) \(histogram.sum)\n\(name)_count\(bare) \(histogram.total)\n"
        return out
    }
}
