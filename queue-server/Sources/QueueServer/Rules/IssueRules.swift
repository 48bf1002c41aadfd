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

    /// Throws `closed` when `service` takes no tickets at `queuedAt`: the building's calendar, breaks,
    /// hours, last-ticket cutoff and sessions, computed as the kiosk computes them (``ServiceSchedule``).
    func checkOpen(_ service: Service, at queuedAt: Int64) throws(Problem) {
        if alwaysOpen { return }
        let local = LocalTime(Timestamp(millisecondsSinceEpoch: queuedAt), zone: zone)
        let date = CalendarDate(local)
        if case .closed(let reason, let next) = catalogue.schedule.window(of: service, on: date, at: local.timeOfDay) {
            let why = Translations.availabilityText(.closed(reason, next: next), today: date, .english) ?? "closed"
            throw Problem(
                type: "/problems/closed", title: "Service closed", status: 422,
                detail: "\(service.id) takes no tickets on \(date) at \(local.timeText) \(zone.abbreviation): \(why)")
        }
    }

    /// Throws `closed` when `service` takes no tickets at all on `day`: no lease is granted for a closed day.
    func checkOpen(_ service: Service, on day: CalendarDate) throws(Problem) {
        if alwaysOpen || catalogue.schedule.takesTickets(service, on: day) { return }
        throw Problem(
            type: "/problems/closed", title: "Service closed", status: 422,
            detail: "\(service.id) takes no tickets on \(day): no numbers are leased for it")
    }

    /// The quota session `service` is in at `queuedAt`: its quota and its bounds in milliseconds since the
    /// epoch; nil when the service has no sessions (or it is closed, or hours are ignored).
    func session(of service: Service, at queuedAt: Int64) -> (quota: Int, from: Int64, to: Int64)? {
        guard !alwaysOpen, !service.sessions.isEmpty else { return nil }
        let local = LocalTime(Timestamp(millisecondsSinceEpoch: queuedAt), zone: zone)
        guard case .open(_, let index?) = catalogue.schedule.window(of: service, on: CalendarDate(local), at: local.timeOfDay)
        else { return nil }
        let sinceMidnight = Int64(local.hour * 3600 + local.minute * 60 + local.second) * 1000
        let midnight = queuedAt - sinceMidnight - (queuedAt % 1000 + 1000) % 1000
        let range = service.sessions[index].time
        return (service.sessions[index].quota, midnight + Int64(range.start.minutes) * 60_000, midnight + Int64(range.end.minutes) * 60_000)
    }

    /// Throws `quota-exhausted` when the tickets `issuedToday` counts (both series together) already use the daily quota
    /// (counted only for a service that has one).
    func checkQuota(_ service: Service, issuedToday: () throws -> Int) throws {
        if let quota = service.dailyQuota, try issuedToday() >= quota {
            throw Problem(
                type: "/problems/quota-exhausted", title: "Daily quota reached", status: 422,
                detail: "\(service.id) has issued its \(quota) tickets for today")
        }
    }
}
