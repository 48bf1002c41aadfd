import KioskCore

/// The daily quota when the paper is the truth (issue 11, the lead's decision):
///
/// - Online issuing (and a booking's check-in) refuses at the quota: `quota-exhausted` once the service's live tickets of
///   the day (both series, online and offline, leased or fallback) reach it.
/// - A printed offline ticket is accepted at sync past the quota, exactly once and never under a number another ticket
///   holds: the citizen holds its paper, and a kiosk does not turn citizens away because it cannot reach the server.
/// - A lease reserves nothing: a leased number counts once its ticket is synced. Reserving (as before) told citizens
///   "full" online while leased numbers sat unused on other kiosks (64 of 90 in kiosk-sim), and since printed tickets
///   are accepted past the quota a reservation no longer protects them. A lease is still granted only while the quota
///   has numbers left, and for at most that many.
/// - Staff see a service that issued more than its quota in the day's site summary (`GET /v1/sites`,
///   ``ServiceOverQuota``): derived from the tickets stored, no column marks them.
enum QuotaRules {
    /// The services of `catalogue` whose live tickets today (`issued`, by service id) exceed their daily quota, in
    /// catalogue order.
    static func overQuota(issued: [String: Int], catalogue: Catalogue) -> [ServiceOverQuota] {
        catalogue.allServices.compactMap { service in
            guard let quota = service.dailyQuota, let count = issued[service.id.rawValue], count > quota else { return nil }
            return ServiceOverQuota(serviceId: service.id.rawValue, quota: quota, issued: count)
        }
    }
}

/// A service that issued more tickets today than its daily quota: printed offline tickets synced after the
/// quota was reached (``QuotaRules``). `issued - quota` of them are over it.
struct ServiceOverQuota: Codable, Sendable, Hashable {
    var serviceId: String
    var quota: Int
    var issued: Int
}
