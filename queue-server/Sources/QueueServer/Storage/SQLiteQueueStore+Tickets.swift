import KioskCore
import KioskProtocol
import KioskSQLite

/// Issuing: online tickets, leases, booking check-in and print outcomes.
extension SQLiteQueueStore {
    func issue(_ request: IssueTicketRequest, kiosk: String, site: String, now: Int64) async throws -> (ticket: QueueTicket, created: Bool) {
        let request = Self.canonical(request)
        let rules = try catalogues.of(site).rules
        let service = try rules.validate(ticketID: request.ticketId, serviceID: request.serviceId, language: request.language)
        let arrived = ContinuousClock.now
        return try await writer.perform { [self] database in
            if let existing = try find(database, request.ticketId) {
                try requireSame(existing, request, kiosk: kiosk)
                return (try view(database, existing), false)
            }
            let claimed = ClockRules.claimed(issuedAt: request.issuedAt, offset: request.clockOffsetMs)
            try clock.checkNear(claimed, now: now)
            try requirePriorityAllowed(database, request, kiosk: kiosk)
            try insertNumbered(database, request, service: service, rules: rules, kiosk: kiosk, site: site, origin: "online", booking: nil, now: now)
            let late = request.answerWithinMs.map {
                LateAnswer.isLate(answerWithinMs: $0, claimed: claimed, arrived: now, waited: .now - arrived)
            } ?? false
            // A kiosk that confirms its prints has every online ticket held until it does: an answer
            // lost on its way back leaves no callable number that no paper carries.
            if late || request.holdUntilPrinted == true {
                try database.query(
                    "UPDATE tickets SET held_until = ? WHERE ticket_id = ?", [.integer(now + LateAnswer.holdMs), .text(request.ticketId)])
            }
            return (try view(database, try found(database, request.ticketId)), true)
        }
    }

    func lease(_ request: LeaseRequest, kiosk: String, site: String, now: Int64) async throws -> Lease {
        let (service, series) = try OfflineRules.checkLease(request, rules: try catalogues.of(site).rules, clock: clock, now: now)
        let leaseID = OfflineRules.newLeaseID()
        return try await writer.perform { [self] database in
            let used = try service.dailyQuota.map { _ in try quotaUsed(database, site: site, service: service.id.rawValue, day: request.day) }
            let count = try OfflineRules.leaseCount(asked: request.count, service: service, day: request.day, used: used)
            let first = try Self.allocate(database, site: site, service: service.id.rawValue, day: request.day, series: series, count: count)
            try database.query(
                """
                INSERT INTO leases (lease_id, site_id, kiosk_id, service_id, day, series, first, last, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(leaseID), .text(site), .text(kiosk), .text(service.id.rawValue), .text(request.day), .text(series.rawValue), .int(first),
                 .int(first + count - 1), .integer(now)])
            return Lease(
                leaseId: leaseID, kioskId: kiosk, serviceId: service.id.rawValue, day: request.day, first: first, last: first + count - 1,
                fallbackMark: try Self.kioskMark(database, kiosk, site: site), series: series.rawValue)
        }
    }

    func checkIn(_ request: CheckInRequest, kiosk: String, site: String, now: Int64) async throws -> (ticket: QueueTicket, created: Bool) {
        let rules = try catalogues.of(site).rules
        let code = request.bookingCode
        try BookingRules.checkCode(code)
        let request = CheckInRequest(
            ticketId: request.ticketId.lowercased(), bookingCode: code, issuedAt: request.issuedAt, clockOffsetMs: request.clockOffsetMs,
            language: request.language)
        return try await writer.perform { [self] database in
            guard let booking = try database.query(
                "SELECT service_id, day, priority, ticket_id, site_id FROM bookings WHERE code = ?", [.text(code)]
            ).first else { throw BookingRules.unknown }
            let ticketRequest = try BookingRules.ticketRequest(booking, request, ticketID: request.ticketId, site: site)
            if let used = try booking.optionalText(3) {
                guard used == request.ticketId, let existing = try find(database, used) else { throw BookingRules.used }
                try requireSame(existing, ticketRequest, kiosk: kiosk)
                return (try view(database, existing), false)
            }
            let service = try rules.validate(ticketID: request.ticketId, serviceID: ticketRequest.serviceId, language: request.language)
            let claimed = ClockRules.claimed(issuedAt: request.issuedAt, offset: request.clockOffsetMs)
            try clock.checkNear(claimed, now: now)
            try BookingRules.checkDay(booking, day: rules.day(of: claimed))
            if try find(database, request.ticketId) != nil { throw BookingRules.idTaken(request.ticketId) }
            try insertNumbered(
                database, ticketRequest, service: service, rules: rules, kiosk: kiosk, site: site, origin: "booking", booking: code, now: now)
            try database.query("UPDATE bookings SET ticket_id = ? WHERE code = ?", [.text(request.ticketId), .text(code)])
            return (try view(database, try found(database, request.ticketId)), true)
        }
    }

    func printOutcome(ticketID: String, _ outcome: PrintReport, kiosk: String, now: Int64) async throws -> QueueTicket {
        if let reason = outcome.reason, reason.unicodeScalars.count > 200 { throw Problems.invalid("reason is longer than 200 characters") }
        let ticketID = ticketID.lowercased()
        return try await writer.perform { [self] database in
            guard let row = try find(database, ticketID), try row.text(14) == kiosk else {
                throw Problems.notFound("no ticket \(Problems.quoted(ticketID)) issued by this kiosk")
            }
            let state = try row.text(9)
            if outcome.effectiveOutcome != .failed {
                // The kiosk printed this number, or may have: a held late answer is the paper's ticket after all.
                // An uncertain one is marked for staff (``UncertainPrint``); a printed one is certain.
                let uncertain = outcome.effectiveOutcome == .uncertain && state != TicketState.voided.rawValue
                try database.query(
                    "UPDATE tickets SET held_until = NULL, print_uncertain = ? WHERE ticket_id = ?", [.bool(uncertain), .text(ticketID)])
            }
            // An uncertain ticket may be in the citizen's hand: it stays in the queue, marked, until staff settle it.
            // No paper came out of a failed one, so nobody holds it: voided, even if it was called (or marked no-show)
            // before the report came (a kiosk cut off from the server, past the hold). One staff served stays as it is.
            if outcome.effectiveOutcome == .failed && state != TicketState.voided.rawValue {
                guard FailedPrint.voidableStates.contains(state) else {
                    throw Problems.conflict("invalid-transition", "Ticket already served", "ticket is \(state); it cannot be voided")
                }
                try database.query(
                    "UPDATE tickets SET state = 'voided', void_reason = ? WHERE ticket_id = ?",
                    [.text(outcome.reason.map { String($0.prefix(200)) } ?? "not printed"), .text(ticketID)])
            }
            return try view(database, try found(database, ticketID))
        }
    }

    // MARK: - Inside the writer

    /// Reserves `count` numbers of a site's service, day and series; returns the first.
    static func allocate(
        _ database: SQLiteDatabase, site: String, service: String, day: String, series: NumberSeries, count: Int
    ) throws -> Int {
        let row = try database.query(
            """
            INSERT INTO sequences (site_id, service_id, day, series, next) VALUES (?, ?, ?, ?, 1 + ?)
            ON CONFLICT (site_id, service_id, day, series) DO UPDATE SET next = next + excluded.next - 1 RETURNING next
            """, [.text(site), .text(service), .text(day), .text(series.rawValue), .int(count)])
        guard let next = try row.first?.int(0) else { throw StorageFailure("sequence allocation returned nothing") }
        return next - count
    }

    /// Checks hours and quota, takes the next number and stores a waiting ticket.
    private func insertNumbered(
        _ database: SQLiteDatabase, _ request: IssueTicketRequest, service: Service, rules: IssueRules, kiosk: String, site: String,
        origin: String, booking: String?, now: Int64
    ) throws {
        let queuedAt = ClockRules.claimed(issuedAt: request.issuedAt, offset: request.clockOffsetMs)
        try rules.checkOpen(service, at: queuedAt)
        let day = rules.day(of: queuedAt)
        try rules.checkQuota(service, issuedToday: { try quotaUsed(database, site: site, service: service.id.rawValue, day: day) })
        if booking == nil, let session = rules.session(of: service, at: queuedAt) {
            let used = try SQLiteCounts.sessionUsed(
                database, site: site, service: service.id.rawValue, day: day, from: session.from, to: session.to)
            if used >= session.quota {
                throw Problem(
                    type: "/problems/quota-exhausted", title: "Session quota reached", status: 422,
                    detail: "\(service.id) has issued the \(session.quota) tickets of this session")
            }
        }
        let series = service.series(priority: request.priority)
        let sequence = try Self.allocate(database, site: site, service: service.id.rawValue, day: day, series: series, count: 1)
        try insert(
            database, request, service: service, site: site, day: day, series: series, sequence: sequence,
            number: Ticket.number(for: service, sequence: sequence, series: series), queuedAt: queuedAt, kiosk: kiosk, origin: origin,
            booking: booking, state: .waiting, now: now)
    }

    func insert(
        _ database: SQLiteDatabase, _ request: IssueTicketRequest, service: Service, site: String, day: String, series: NumberSeries,
        sequence: Int?, number: String, queuedAt: Int64, kiosk: String, origin: String, booking: String?, state: TicketState, now: Int64
    ) throws {
        try database.query(
            """
            INSERT INTO tickets (ticket_id, site_id, service_id, queue_service_id, agency_id, day, series, sequence, number, issued_at,
                clock_offset_ms, queued_at, language, priority, kiosk_id, origin, booking_code, state, void_reason, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(request.ticketId), .text(site), .text(service.id.rawValue), .text(service.id.rawValue), .text(service.agencyID.rawValue),
                .text(day), .text(series.rawValue), .optional(sequence), .text(number), .integer(request.issuedAt), .integer(request.clockOffsetMs),
                .integer(queuedAt), .text(request.language), .bool(request.priority), .text(kiosk),
                .text(origin), .optional(booking), .text(state.rawValue), .optional(state == .voided ? "not printed" : nil),
                .integer(now),
            ])
    }

    /// Numbers of a site's service and day that count against its quota, both series (``SQLiteCounts/quotaUsed(_:site:service:day:)``).
    func quotaUsed(_ database: SQLiteDatabase, site: String, service: String, day: String) throws -> Int {
        try SQLiteCounts.quotaUsed(database, site: site, service: service, day: day)
    }

    /// Throws `priority-not-allowed` for a priority request from a kiosk not configured to take them.
    func requirePriorityAllowed(_ database: SQLiteDatabase, _ request: IssueTicketRequest, kiosk: String) throws {
        guard request.priority else { return }
        guard try Self.mayClaimPriority(database, kiosk) else {
            throw Problems.forbidden("kiosk \(Problems.quoted(kiosk)) is not configured to issue priority tickets")
        }
    }

    /// The request with its ticket id in canonical (lower) case.
    static func canonical(_ request: IssueTicketRequest) -> IssueTicketRequest {
        var request = request
        request.ticketId = request.ticketId.lowercased()
        return request
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
