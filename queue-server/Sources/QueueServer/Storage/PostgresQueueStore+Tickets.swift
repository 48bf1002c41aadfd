import KioskCore
import KioskProtocol
import KioskSQLite
import PostgresNIO

/// Issuing: online tickets, leases, booking check-in and print outcomes, with the rules of
/// `SQLiteQueueStore+Tickets.swift`. The answer's ticket is read in the transaction that wrote it.
extension PostgresQueueStore {
    func issue(_ request: IssueTicketRequest, kiosk: String, site: String, now: Int64) async throws -> (ticket: QueueTicket, created: Bool) {
        let request = SQLiteQueueStore.canonical(request)
        let rules = try await catalogue(site).rules
        let service = try rules.validate(ticketID: request.ticketId, serviceID: request.serviceId, language: request.language)
        let arrived = ContinuousClock.now
        let claimed = ClockRules.claimed(issuedAt: request.issuedAt, offset: request.clockOffsetMs)
        // A kiosk that confirms its prints has every online ticket held until it does: an answer
        // lost on its way back leaves no callable number that no paper carries.
        let heldUntil: @Sendable () -> Int64? = {
            let late = request.answerWithinMs.map {
                LateAnswer.isLate(answerWithinMs: $0, claimed: claimed, arrived: now, waited: .now - arrived)
            } ?? false
            return late || request.holdUntilPrinted == true ? now &+ LateAnswer.holdMs : nil
        }
        if Self.issuesInOneStatement(request, service: service, rules: rules, clock: clock, claimed: claimed, now: now) {
            let day = rules.day(of: claimed)
            let ticket = PostgresStatements.OnlineTicket(
                ticketID: request.ticketId, site: site, service: service.id.rawValue, agency: service.agencyID.rawValue, day: day,
                prefix: service.prefix, numberWidth: service.numberWidth, issuedAt: request.issuedAt,
                clockOffsetMs: request.clockOffsetMs, queuedAt: claimed, language: request.language, kiosk: kiosk, now: now,
                held: heldUntil)
            return try await writer.issue(ticket) { [self] row in
                if try row.int(20) == 1 {
                    try requireSame(row, request, kiosk: kiosk)
                    return (try view(row), false)
                }
                return (try view(row), true)
            }
        }
        return try await writer.perform { [self] session in
            if let existing = try await find(session, request.ticketId) {
                try requireSame(existing, request, kiosk: kiosk)
                return (try view(existing), false)
            }
            try clock.checkNear(claimed, now: now)
            if request.priority, !(try await Self.mayClaimPriority(session, kiosk)) {
                throw Problems.forbidden("kiosk \(Problems.quoted(kiosk)) is not configured to issue priority tickets")
            }
            let held = heldUntil()
            let row = try await insertNumbered(
                session, request, service: service, rules: rules, kiosk: kiosk, site: site, origin: "online", booking: nil, held: held, now: now)
            return (try view(row), true)
        }
    }

    func lease(_ request: LeaseRequest, kiosk: String, site: String, now: Int64) async throws -> Lease {
        let (service, series) = try OfflineRules.checkLease(request, rules: try await catalogue(site).rules, clock: clock, now: now)
        let leaseID = OfflineRules.newLeaseID()
        let serviceID = service.id.rawValue
        return try await writer.perform { [self] session in
            var used: Int?
            if service.dailyQuota != nil {
                // Counted under the sequence row's lock, held until the numbers are taken.
                try await Self.lockSequence(session, site: site, service: serviceID, day: request.day)
                used = try await quotaUsed(session, site: site, service: serviceID, day: request.day)
            }
            let count = try OfflineRules.leaseCount(asked: request.count, service: service, day: request.day, used: used)
            let first = try await Self.allocate(session, site: site, service: serviceID, day: request.day, series: series, count: count)
            let last = first + count - 1
            try await session.rows(
                """
                INSERT INTO leases (lease_id, site_id, kiosk_id, service_id, day, series, first, last, created_at)
                VALUES (\(leaseID), \(site), \(kiosk), \(serviceID), \(request.day), \(series.rawValue), \(first), \(last), \(now))
                """)
            return Lease(
                leaseId: leaseID, kioskId: kiosk, serviceId: serviceID, day: request.day, first: first, last: last,
                fallbackMark: try await Self.kioskMark(session, kiosk, site: site), series: series.rawValue)
        }
    }

    func checkIn(_ request: CheckInRequest, kiosk: String, site: String, now: Int64) async throws -> (ticket: QueueTicket, created: Bool) {
        let rules = try await catalogue(site).rules
        let code = request.bookingCode
        try BookingRules.checkCode(code)
        let ticketID = request.ticketId.lowercased()
        return try await writer.perform { [self] session in
            // Locked: two kiosks (or servers) checking in one booking take turns.
            guard let booking = try await session.first(
                "SELECT service_id, day, priority, ticket_id, site_id FROM bookings WHERE code = \(code) FOR UPDATE"
            ) else { throw BookingRules.unknown }
            let ticketRequest = try BookingRules.ticketRequest(booking, request, ticketID: ticketID, site: site)
            if let used = try booking.optionalText(3) {
                guard used == ticketID, let existing = try await find(session, used) else { throw BookingRules.used }
                try requireSame(existing, ticketRequest, kiosk: kiosk)
                return (try view(existing), false)
            }
            let service = try rules.validate(ticketID: ticketID, serviceID: ticketRequest.serviceId, language: request.language)
            let claimed = ClockRules.claimed(issuedAt: request.issuedAt, offset: request.clockOffsetMs)
            try clock.checkNear(claimed, now: now)
            try BookingRules.checkDay(booking, day: rules.day(of: claimed))
            if try await find(session, ticketID) != nil { throw BookingRules.idTaken(ticketID) }
            let row = try await insertNumbered(
                session, ticketRequest, service: service, rules: rules, kiosk: kiosk, site: site, origin: "booking", booking: code, held: nil,
                now: now)
            try await session.rows("UPDATE bookings SET ticket_id = \(ticketID) WHERE code = \(code)")
            return (try view(row), true)
        }
    }

    func printOutcome(ticketID: String, _ outcome: PrintReport, kiosk: String, now: Int64) async throws -> QueueTicket {
        if let reason = outcome.reason, reason.unicodeScalars.count > 200 { throw Problems.invalid("reason is longer than 200 characters") }
        let ticketID = ticketID.lowercased()
        return try await writer.perform { [self] session in
            guard let row = try await find(session, ticketID, lock: true), try row.text(14) == kiosk else {
                throw Problems.notFound("no ticket \(Problems.quoted(ticketID)) issued by this kiosk")
            }
            let state = try row.text(9)
            if outcome.effectiveOutcome != .failed {
                // The kiosk printed this number, or may have: a held late answer is the paper's ticket after all.
                // An uncertain one is marked for staff (``UncertainPrint``); a printed one is certain.
                let uncertain = outcome.effectiveOutcome == .uncertain && state != TicketState.voided.rawValue
                try await session.rows("UPDATE tickets SET held_until = NULL, print_uncertain = \(uncertain) WHERE ticket_id = \(ticketID)")
            }
            // An uncertain ticket may be in the citizen's hand: it stays in the queue, marked, until staff settle it.
            // No paper came out of a failed one, so nobody holds it: voided, even if it was called (or marked no-show)
            // before the report came (a kiosk cut off from the server, past the hold). One staff served stays as it is.
            if outcome.effectiveOutcome == .failed && state != TicketState.voided.rawValue {
                guard FailedPrint.voidableStates.contains(state) else {
                    throw Problems.conflict("invalid-transition", "Ticket already served", "ticket is \(state); it cannot be voided")
                }
                let reason = outcome.reason.map { String($0.prefix(200)) } ?? "not printed"
                try await session.rows("UPDATE tickets SET state = 'voided', void_reason = \(reason) WHERE ticket_id = \(ticketID)")
            }
            return try await viewFound(session, ticketID)
        }
    }

    /// Whether `request` is the common online ticket that ``PostgresStatements/IssueOnline`` stores with the
    /// others of its batch in one round trip: no priority claim, no daily or session quota, within the clock's skew and the service
    /// open. Any other ticket (and any refusal) takes the statement by statement path.
    static func issuesInOneStatement(
        _ request: IssueTicketRequest, service: Service, rules: IssueRules, clock: ClockRules, claimed: Int64, now: Int64
    ) -> Bool {
        guard !request.priority, service.dailyQuota == nil, rules.session(of: service, at: claimed) == nil else { return false }
        return (try? clock.checkNear(claimed, now: now)) != nil && (try? rules.checkOpen(service, at: claimed)) != nil
    }

    // MARK: - Inside the writer's transaction

    /// Locks the general series' sequence row of a site's service and day (creating it) until the transaction ends:
    /// the quota (both series) counted after this holds until the number is taken, in every server process.
    static func lockSequence(_ session: PostgresSession, site: String, service: String, day: String) async throws {
        try await session.rows(
            """
            INSERT INTO sequences (site_id, service_id, day, series, next) VALUES (\(site), \(service), \(day), 'general', 1)
            ON CONFLICT (site_id, service_id, day, series) DO UPDATE SET next = sequences.next
            """)
    }

    /// Reserves `count` numbers of a site's service, day and series; returns the first.
    static func allocate(
        _ session: PostgresSession, site: String, service: String, day: String, series: NumberSeries, count: Int
    ) async throws -> Int {
        let statement = PostgresStatements.Allocate(site: site, service: service, day: day, series: series.rawValue, count: count)
        let row = try await session.rows(statement).first
        guard let next = try row?.int(0) else { throw StorageFailure("sequence allocation returned nothing") }
        return next - count
    }

    /// Checks hours and quota, takes the next number and stores a waiting ticket; returns its row as ``find(_:_:lock:)`` reads it.
    private func insertNumbered(
        _ session: PostgresSession, _ request: IssueTicketRequest, service: Service, rules: IssueRules, kiosk: String, site: String,
        origin: String, booking: String?, held: Int64?, now: Int64
    ) async throws -> [SQLValue] {
        let queuedAt = ClockRules.claimed(issuedAt: request.issuedAt, offset: request.clockOffsetMs)
        try rules.checkOpen(service, at: queuedAt)
        let day = rules.day(of: queuedAt)
        let serviceID = service.id.rawValue
        let sessionQuota = booking == nil ? rules.session(of: service, at: queuedAt) : nil
        if service.dailyQuota != nil || sessionQuota != nil {
            try await Self.lockSequence(session, site: site, service: serviceID, day: day)
        }
        if service.dailyQuota != nil {
            let used = try await quotaUsed(session, site: site, service: serviceID, day: day)
            try rules.checkQuota(service, issuedToday: { used })
        }
        if let sessionQuota {
            let used = try await session.first(
                """
                SELECT count(*) FROM tickets WHERE site_id = \(site) AND service_id = \(serviceID) AND day = \(day) AND state != 'voided'
                    AND booking_code IS NULL AND queued_at >= \(sessionQuota.from) AND queued_at < \(sessionQuota.to)
                """)?.int(0) ?? 0
            if used >= sessionQuota.quota {
                throw Problem(
                    type: "/problems/quota-exhausted", title: "Session quota reached", status: 422,
                    detail: "\(service.id) has issued the \(sessionQuota.quota) tickets of this session")
            }
        }
        let series = service.series(priority: request.priority)
        let sequence = try await Self.allocate(session, site: site, service: serviceID, day: day, series: series, count: 1)
        return try await insert(
            session, request, service: service, site: site, day: day, series: series, sequence: sequence,
            number: Ticket.number(for: service, sequence: sequence, series: series), queuedAt: queuedAt, kiosk: kiosk, origin: origin,
            booking: booking, state: .waiting, held: held, now: now)
    }

    /// Stores a ticket; returns its row as ``find(_:_:lock:)`` reads it (in the same round trip).
    func insert(
        _ session: PostgresSession, _ request: IssueTicketRequest, service: Service, site: String, day: String, series: NumberSeries,
        sequence: Int?, number: String, queuedAt: Int64, kiosk: String, origin: String, booking: String?, state: TicketState, held: Int64?,
        now: Int64
    ) async throws -> [SQLValue] {
        let statement = PostgresStatements.Insert(
            ticketID: request.ticketId, site: site, service: service.id.rawValue, agency: service.agencyID.rawValue, day: day,
            sequence: sequence, number: number, issuedAt: request.issuedAt, clockOffsetMs: request.clockOffsetMs, queuedAt: queuedAt,
            language: request.language, priority: request.priority, kiosk: kiosk, origin: origin, booking: booking, state: state.rawValue,
            voidReason: state == .voided ? "not printed" : nil, now: now, held: held, series: series.rawValue)
        let row = try await session.rows(statement).first
        guard let row else { throw StorageFailure("ticket \(request.ticketId) was not stored") }
        return row
    }

    /// Tickets of a site's service and day that count against its quota, as ``SQLiteCounts/quotaUsed(_:site:service:day:)``
    /// counts them: the live ones of either series, online or offline (a leased number counts once synced, not when leased).
    func quotaUsed(_ session: PostgresSession, site: String, service: String, day: String) async throws -> Int {
        try await session.first(
            """
            SELECT count(*) FROM tickets WHERE site_id = \(site) AND service_id = \(service) AND day = \(day) AND state != 'voided'
            """)?.int(0) ?? 0
    }

    /// A replay must carry the same content as the stored ticket; otherwise 422.
    func requireSame(_ row: [SQLValue], _ request: IssueTicketRequest, kiosk: String) throws {
        let same =
            try row.text(1) == request.serviceId && row.int64(11) == request.issuedAt && row.int64(12) == request.clockOffsetMs
            && row.text(13) == request.language && (row.int(8) == 1) == request.priority && row.text(14) == kiosk
        guard same else {
            throw Problems.unprocessable(
                "idempotency-mismatch", "Ticket id already used", "ticket \(request.ticketId) exists with other content")
        }
    }
}
