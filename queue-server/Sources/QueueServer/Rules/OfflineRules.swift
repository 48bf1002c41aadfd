import KioskCore
import KioskProtocol

/// The decisions about leases and offline tickets that both stores make the same way; the stores
/// only read and write what these decide.
enum OfflineRules {
    /// Checks a lease request: 1…500 numbers, a real day near the server's, a service of the
    /// catalogue that is open that day, a series it has. Returns the service and the series.
    static func checkLease(_ request: LeaseRequest, rules: IssueRules, clock: ClockRules, now: Int64) throws -> (Service, NumberSeries) {
        guard (1...500).contains(request.count) else { throw Problems.invalid("count must be 1…500, got \(request.count)") }
        guard let day = ServiceDay(request.day) else {
            throw Problems.invalid("day must be a real date YYYY-MM-DD, got \(Problems.quoted(request.day))")
        }
        try clock.checkLeaseDay(day, now: now)
        guard let service = rules.catalogue.service(ServiceID(request.serviceId)) else {
            throw Problems.unprocessable("unknown-service", "Unknown service", "no service \(Problems.quoted(request.serviceId))")
        }
        if let date = CalendarDate(request.day) { try rules.checkOpen(service, on: date) }
        return (service, try series(of: request, service: service))
    }

    /// The series a lease asks for: absent or `general`, or `priority` of a service that has a priority series.
    static func series(of request: LeaseRequest, service: Service) throws -> NumberSeries {
        guard let asked = request.series else { return .general }
        guard let series = NumberSeries(rawValue: asked) else {
            throw Problems.invalid("series must be \"general\" or \"priority\", got \(Problems.quoted(asked))")
        }
        if series == .priority, service.priorityPrefix == nil {
            throw Problems.invalid("\(service.id) has no priority series (no prioritySeries in its catalogue)")
        }
        return series
    }

    /// A new lease's id: 128 random bits, written as a ticket id.
    static func newLeaseID() -> String {
        TicketID(randomBytes: (0..<16).map { _ in UInt8.random(in: 0...255) }).description
    }

    /// How many numbers a lease of `asked` gets: at most what is left of the service's daily quota (`used`: the
    /// tickets of that day counted against it, nil without a quota); none left is `quota-exhausted`. The lease does
    /// not reserve them (``QuotaRules``): online issuing goes on until the tickets themselves reach the quota.
    static func leaseCount(asked: Int, service: Service, day: String, used: Int?) throws -> Int {
        guard let quota = service.dailyQuota, let used else { return asked }
        let (left, overflow) = quota.subtractingReportingOverflow(used)
        let count = overflow ? 0 : min(asked, left)
        guard count > 0 else {
            throw Problems.unprocessable("quota-exhausted", "Daily quota reached", "\(service.id) has no numbers left for \(day)")
        }
        return count
    }

    /// The day an offline ticket belongs to: the day the kiosk numbered it for (its lease's), or the
    /// day of its claimed moment (not after now); refused when its clock is too far from that day.
    static func day(of offline: OfflineTicket, claimed: Int64, clock: ClockRules, now: Int64) throws -> ServiceDay {
        let day: ServiceDay
        if let sent = offline.day {
            guard let parsed = ServiceDay(sent) else { throw Problems.invalid("day must be a real date YYYY-MM-DD") }
            day = parsed
        } else {
            day = clock.day(of: min(claimed, now))
        }
        try clock.checkClaim(claimed, in: day, now: now)
        return day
    }

    /// Where an offline ticket queues: its claimed moment, kept inside its day, not before its
    /// lease was granted (`leasedAt`) and not after now.
    static func queuedAt(claimed: Int64, day: ServiceDay, leasedAt: Int64?, clock: ClockRules, now: Int64) -> Int64 {
        let dayStart = day.startMs(zone: clock.zone)
        let earliest = max(dayStart, leasedAt ?? dayStart)
        let latest = max(earliest, min(dayStart + ClockRules.dayMs - 1, now))
        return min(max(claimed, earliest), latest)
    }

    /// The moment a fallback number's opening hours are checked at: its claim, kept inside its day.
    static func openingMoment(claimed: Int64, day: ServiceDay, clock: ClockRules) -> Int64 {
        let dayStart = day.startMs(zone: clock.zone)
        return min(max(claimed, dayStart), dayStart + ClockRules.dayMs - 1)
    }

    /// The state of an online ticket stored late when the number its kiosk printed offline is synced:
    /// the paper is the truth, so an unprinted one is voided, and one called or marked no-show under
    /// the number nobody holds waits again (at its place) to be called by its paper's number.
    static func stateAfterRenumbering(_ state: String, printed: Bool) -> String {
        if !printed { return TicketState.voided.rawValue }
        let again: [TicketState] = [.called, .noShow, .waiting]
        return again.map(\.rawValue).contains(state) ? TicketState.waiting.rawValue : state
    }

    /// The series a leased offline number is of, by its prefix (`number-mismatch` when it carries neither of the service's).
    static func series(of offline: OfflineTicket, service: Service) throws -> NumberSeries {
        guard let series = service.series(ofNumber: offline.number) else {
            throw Problems.unprocessable(
                "number-mismatch", "Number does not match sequence",
                "\(Problems.quoted(offline.number)) carries no prefix of \(service.id)")
        }
        return series
    }

    /// Checks that a leased offline number is its sequence's number of the service's `series` (`number-mismatch`).
    static func checkLeasedNumber(_ offline: OfflineTicket, sequence: Int, service: Service, series: NumberSeries) throws {
        guard offline.number == Ticket.number(for: service, sequence: sequence, series: series) else {
            throw Problems.unprocessable(
                "number-mismatch", "Number does not match sequence", "sequence \(sequence) is not \(Problems.quoted(offline.number))")
        }
    }

    /// Refuses a leased number outside every lease of this kiosk for its service and day (`not-leased`).
    static func notLeased(_ offline: OfflineTicket, day: String) -> Problem {
        Problems.unprocessable("not-leased", "Number not leased", "\(offline.number) is not in a lease of this kiosk for \(day)")
    }

    /// Checks that an unleased offline number is a fallback number carrying the kiosk's mark (`not-leased`).
    static func checkFallbackNumber(_ offline: OfflineTicket, service: Service, mark: String) throws {
        guard FallbackMark.isFallbackNumber(offline.number, prefix: service.prefix, mark: mark) else {
            throw Problems.unprocessable(
                "not-leased", "Number not leased",
                "\(Problems.quoted(offline.number)) is neither leased nor a fallback number of this kiosk (\(service.prefix)-\(mark)-NNNN)")
        }
    }

    /// Refuses a fallback number when this kiosk's fallback numbers of its service and day (`held`, this one not
    /// counted) already fill the service's daily quota (`over-kiosk-quota`): a working kiosk numbers no more than a
    /// quota of them (KioskLink's `SyncStore.issueOffline`), so more is not paper it printed, and one token adds at
    /// most one quota of fallback tickets a day.
    static func checkFallbackCount(_ offline: OfflineTicket, service: Service, held: Int, day: String) throws {
        guard let quota = service.dailyQuota, held >= quota else { return }
        throw Problems.unprocessable(
            "over-kiosk-quota", "More fallback numbers than the quota",
            "this kiosk's fallback numbers of \(service.id) for \(day) already fill its daily quota of \(quota): "
                + "\(Problems.quoted(offline.number)) is not taken")
    }

    /// Where a fallback number queues (session 30's F3): its claimed moment (already kept inside its day and not
    /// after now) when that falls in the kiosk's last silence, no earlier than the silence's start; otherwise (a
    /// kiosk the server kept hearing, or a claim after it heard the kiosk again) at receipt, the back of the queue.
    static func fallbackPlace(claimed: Int64, silence: KioskSilence?, now: Int64) -> Int64 {
        guard let silence, claimed <= silence.end else { return now }
        return min(max(claimed, silence.start), now)
    }

    /// Refuses a synced number another ticket of the site, service and day holds (`duplicate-number`).
    static func duplicate(_ offline: OfflineTicket) -> Problem {
        Problems.conflict("duplicate-number", "Number already used", "\(offline.number) is already held by another ticket")
    }
}
