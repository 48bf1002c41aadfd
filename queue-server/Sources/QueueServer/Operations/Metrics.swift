import FoundationEssentials
import Synchronization

/// The server's Prometheus metrics, in the text exposition format (`GET /metrics`).
///
/// Tickets issued by site and origin, the lag between an offline ticket's issue and its sync by site,
/// request latency by route, and (computed when scraped) each site's kiosks whose heartbeat is overdue.
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

    private struct Issued: Hashable {
        var site: String
        var origin: String
    }

    private struct State {
        var issued: [Issued: Int] = [:]
        var syncLag: [String: Histogram] = [:]
        var latency: [String: Histogram] = [:]
    }

    static let origins = ["online", "offline", "booking"]

    private let state = Mutex(State())

    /// One ticket stored at `site`, by origin (`online`, `offline`, `booking`).
    func ticketIssued(site: String, origin: String) { state.withLock { $0.issued[Issued(site: site, origin: origin), default: 0] += 1 } }

    /// An offline ticket of `site` accepted `lagSeconds` after it was issued.
    func synced(site: String, lagSeconds: Double) {
        state.withLock {
            $0.syncLag[site, default: Histogram(buckets: Self.lagBuckets.count)].observe(max(0, lagSeconds), bounds: Self.lagBuckets)
        }
    }

    /// A request to `route` (its pattern, not its path) answered after `seconds`.
    func request(route: String, seconds: Double) {
        state.withLock { state in
            state.latency[route, default: Histogram(buckets: Self.latencyBuckets.count)].observe(seconds, bounds: Self.latencyBuckets)
        }
    }

    /// The exposition text; `kiosksOffline` is each site's count of kiosks whose last heartbeat is
    /// overdue (every site of the database, so each has its series even before its first ticket).
    func render(kiosksOffline: [(site: String, count: Int)]) -> String {
        let snapshot = state.withLock { $0 }
        let sites = Set(kiosksOffline.map(\.site)).union(snapshot.issued.keys.map(\.site)).union(snapshot.syncLag.keys).sorted()
        var out = "# HELP queue_tickets_issued_total Tickets stored, by site and origin.\n# TYPE queue_tickets_issued_total counter\n"
        for site in sites {
            for origin in Self.origins {
                out += "queue_tickets_issued_total{site=\"\(Self.escaped(site))\",origin=\"\(origin)\"} "
                    + "\(snapshot.issued[Issued(site: site, origin: origin)] ?? 0)\n"
            }
        }
        out += "# HELP queue_sync_lag_seconds Time from an offline ticket's issue to its acceptance at sync, by site.\n"
        out += "# TYPE queue_sync_lag_seconds histogram\n"
        for site in sites {
            let histogram = snapshot.syncLag[site] ?? Histogram(buckets: Self.lagBuckets.count)
            out += Self.lines("queue_sync_lag_seconds", "site=\"\(Self.escaped(site))\",", histogram, Self.lagBuckets)
        }
        out += "# HELP queue_kiosks_offline Kiosks whose last heartbeat is more than 3 minutes old, by site.\n"
        out += "# TYPE queue_kiosks_offline gauge\n"
        for (site, count) in kiosksOffline.sorted(by: { $0.site < $1.site }) {
            out += "queue_kiosks_offline{site=\"\(Self.escaped(site))\"} \(count)\n"
        }
        out += "# HELP queue_request_duration_seconds Time to answer a request, by route.\n"
        out += "# TYPE queue_request_duration_seconds histogram\n"
        for route in snapshot.latency.keys.sorted() {
            out += Self.lines("queue_request_duration_seconds", "route=\"\(route)\",", snapshot.latency[route]!, Self.latencyBuckets)
        }
        return out
    }

    /// A label value in the exposition format: backslash, double quote and line feed escaped.
    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
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
