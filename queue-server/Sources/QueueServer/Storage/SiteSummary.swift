import KioskProtocol

/// `GET /v1/sites`: today's counts of each site the caller may see (docs/queue-api.yaml, `SiteSummaries`).
struct SiteSummaries: Codable, Sendable {
    /// The service day (WITA) counted.
    var day: String
    var sites: [SiteSummary]
}

/// One site (MPP building): its tickets today (voided ones left out), how many wait, its kiosks and
/// how many of them have been silent longer than the heartbeat limit.
struct SiteSummary: Codable, Sendable {
    var siteId: String
    var name: String
    var ticketsToday: Int
    var waiting: Int
    var kiosks: Int
    var kiosksOffline: Int
}

extension QueueAPI {
    /// The city view: today's counts per site (staff: their site; city: every site).
    static let sites = "/v1/sites"
}
