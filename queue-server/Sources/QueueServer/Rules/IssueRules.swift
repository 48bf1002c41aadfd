import KioskCore
import KioskProtocol

/// Checks the server makes before a ticket exists: a valid request, an open service, quota left.
struct IssueRules: Sendable {
    let catalogue: Catalogue
    /// Ignore opening hours (demos and after-hours tests); quotas still apply.
    let alwaysOpen: Bool
    let zone = KioskTimeZone.wita

    /// The service, or a problem naming what is wrong with the request.
    func validate(ticketID: String, serviceID: String, language: String) throws(Problem) -> Service {
        guard TicketID(ticketID)?.description == ticketID.lowercased(), ticketID.count == 36 else {
            throw Problems.invalid("ticketId must be a UUID (8-4-4-4-12 hex), got \(Problems.quoted(ticketID))")
        }
        guard Language(rawValue: language) != nil else {
            throw Problems.invalid("language must be \"id\" or \"en\", got \(Problems.quoted(language))")
        }
        guard let service = catalogue.service(ServiceID(serviceID)) else {
            throw Problem(
                type: "/problems/unknown-service", title: "Unknown service", status: 422,
                detail: "no service \(Problems.quoted(serviceID)) in the catalogue")
        }
        return service
    }

    /// The local day (`YYYY-MM-DD`) of a server-clock moment.
    func day(of queuedAt: Int64) -> String { LocalTime(Timestamp(millisecondsSinceEpoch: queuedAt), zone: zone).dayKey }

    /// Throws `closed` when `service` takes no tickets at `queuedAt`.
    func checkOpen(_ service: Service, at queuedAt: Int64) throws(Problem) {
        if alwaysOpen { return }
        let local = LocalTime(Timestamp(millisecondsSinceEpoch: queuedAt), zone: zone)
        guard service.hours.isOpen(on: local.weekday, at: local.timeOfDay) else {
            throw Problem(
                type: "/problems/closed", title: "Service closed", status: 422,
                detail: "\(service.id) takes no tickets on \(local.weekday.key) at \(local.timeText) \(zone.abbreviation)")
        }
    }

    /// Throws `quota-exhausted` when the tickets `issuedToday` counts already use the daily quota
    /// (counted only for a service that has one).
    func checkQuota(_ service: Service, issuedToday: () throws -> Int) throws {
        if let quota = service.dailyQuota, try issuedToday() >= quota {
            throw Problem(
                type: "/problems/quota-exhausted", title: "Daily quota reached", status: 422,
                detail: "\(service.id) has issued its \(quota) tickets for today")
        }
    }
}
