import KioskProtocol
import KioskSQLite

/// `GET /v1/sites`: today's counts of each site the caller may see (docs/queue-api.yaml, `SiteSummaries`).
struct SiteSummaries: Codable, Sendable {
    /// The service day (WITA) counted.
    var day: String
    var sites: [SiteSummary]

    /// Rows of (site, service, live tickets) as counts by site, then service.
    static func issuedBySite(_ rows: [[SQLValue]]) throws -> [String: [String: Int]] {
        var issued: [String: [String: Int]] = [:]
        for row in rows { issued[try row.text(0), default: [:]][try row.text(1)] = try row.int(2) }
        return issued
    }
}

/// One site (MPP building): its tickets today (voided ones left out), how many wait, its kiosks and
/// how many of them have been silent longer than the heartbeat limit, and its services past their daily quota.
struct SiteSummary: Codable, Sendable {
    var siteId: String
    var name: String
    var ticketsToday: Int
    var waiting: Int
    var kiosks: Int
    var kiosksOffline: Int
    /// Services whose tickets today exceed their daily quota (printed offline tickets accepted past it: ``QuotaRules``).
    var servicesOverQuota: [ServiceOverQuota]
}

extension QueueAPI {
    /// The city view: today's counts per site (staff: their site; city: every site).
    static let sites = "/v1/sites"
}
