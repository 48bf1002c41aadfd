import KioskCore
import KioskLink
import KioskProtocol
import PostgresNIO

/// Offline tickets from a kiosk's outbox, with the rules of `SQLiteQueueStore+Sync.swift`: the
/// paper is the truth, within the server's rules. Each ticket has its own savepoint and its answer
/// is read inside the transaction, as SQLite's. A conflict with another server process (the same
/// ticket or number committed meanwhile) rolls the batch back to the writer's savepoint, and the
/// writer runs it again in a later transaction, which finds the other's row.
extension PostgresQueueStore {
    func sync(_ batch: SyncBatch, kiosk: String, site: String, now: Int64) async throws -> SyncReply {
        guard batch.tickets.count <= 200 else { throw Problems.invalid("at most 200 tickets per batch, got \(batch.tickets.count)") }
        let rules = try await catalogue(site).rules
        return try await writer.perform { [self] session in
            var results: [SyncResult] = []
            for offline in batch.tickets {
                // The id as the kiosk sent it, so it can match the answer to its outbox.
                let id = offline.ticket.ticketId
                try await session.execute("SAVEPOINT ticket")
                do {
                    let created = try await syncOne(session, offline, rules: rules, kiosk: kiosk, site: site, now: now)
                    let ticket = try view(try await found(session, id.lowercased()))
                    try await session.execute("RELEASE ticket")
                    results.append(SyncResult(ticketId: id, outcome: created ? .accepted : .alreadyKnown, reason: nil, ticket: ticket))
                } catch let problem as Problem {
                    try await session.execute("ROLLBACK TO ticket")
                    try await session.execute("RELEASE ticket")
                    results.append(SyncResult(ticketId: id, outcome: .rejected, reason: problem.kind, ticket: nil))
                }
            }
            return SyncReply(results: results)
        }
    }

    /// Stores one offline ticket; true when new.
    private func syncOne(
        _ session: PostgresSession, _ offline: OfflineTicket, rules: IssueRules, kiosk: String, site: String, now: Int64
    ) async throws -> Bool {
        var request = SQLiteQueueStore.canonical(offline.ticket)
        let service = try rules.validate(ticketID: request.ticketId, serviceID: request.serviceId, language: request.language)
        // A priority the kiosk may not give is not given (the ticket keeps its place and number),
        // before anything compares it, so a replay of such a ticket is the same ticket.
        let mayClaim = try await Self.mayClaimPriority(session, kiosk)
        request.priority = request.priority && mayClaim
        let existing = try await find(session, request.ticketId, lock: true)
        if let existing {
            try requireSame(existing, request, kiosk: kiosk)
            // A replay of a ticket the server holds under the printed number: nothing to do.
            if try existing.text(6) == offline.number { return false }
        }
        let claimed = ClockRules.claimed(issuedAt: request.issuedAt, offset: request.clockOffsetMs)
        let day: ServiceDay
        if let sent = offline.day {
            guard let parsed = ServiceDay(sent) else { throw Problems.invalid("day must be a real date YYYY-MM-DD") }
            day = parsed
        } else {
            day = clock.day(of: min(claimed, now))
        }
        try clock.checkClaim(claimed, in: day, now: now)
        let serviceID = service.id.rawValue
        // Fallback numbers count against the quota: counted and stored under the sequence row's lock.
        try await Self.lockSequence(session, site: site, service: serviceID, day: day.description)
        let leasedAt = try await checkNumber(session, offline, service: service, kiosk: kiosk, site: site, day: day.description)
        let dayStart = day.startMs(zone: clock.zone)
        let earliest = max(dayStart, leasedAt ?? dayStart)
        let latest = max(earliest, min(dayStart + ClockRules.dayMs - 1, now))
        let queuedAt = min(max(claimed, earliest), latest)
        if let existing {
            // An online request the kiosk gave up on was stored late, under a number nobody holds:
            // the ticket takes the number printed offline; a called or no-show ticket waits again.
            let state = try existing.text(9)
            let next: String =
                if !offline.printed { "voided" } else if ["called", "noShow", "waiting"].contains(state) { "waiting" } else { state }
            let reason: String? = offline.printed ? nil : "not printed"
            try await session.rows(
                """
                UPDATE tickets SET sequence = \(offline.sequence), number = \(offline.number), day = \(day.description),
                    queued_at = \(queuedAt), origin = 'offline', state = \(next), void_reason = \(reason), held_until = NULL,
                    counter_id = CASE WHEN \(next) = 'waiting' THEN NULL ELSE counter_id END,
                    called_at = CASE WHEN \(next) = 'waiting' THEN NULL ELSE called_at END,
                    finished_at = CASE WHEN \(next) = 'waiting' THEN NULL ELSE finished_at END
                WHERE ticket_id = \(request.ticketId)
                """)
            return false
        }
        if offline.sequence == nil {
            // A lease is the server's consent to numbers of its day; a fallback number had no consent.
            try rules.checkOpen(service, at: min(max(claimed, dayStart), dayStart + ClockRules.dayMs - 1))
            if offline.printed {
                let used = try await quotaUsed(session, site: site, service: serviceID, day: day.description)
                try rules.checkQuota(service, issuedToday: { used })
            }
        }
        try await insert(
            session, request, service: service, site: site, day: day.description, sequence: offline.sequence, number: offline.number,
            queuedAt: queuedAt, kiosk: kiosk, origin: "offline", booking: nil, state: offline.printed ? .waiting : .voided, held: nil, now: now)
        return true
    }

    /// Checks an offline ticket's number; returns when its lease was granted (nil for a fallback number).
    private func checkNumber(
        _ session: PostgresSession, _ offline: OfflineTicket, service: Service, kiosk: String, site: String, day: String
    ) async throws -> Int64? {
        var leasedAt: Int64?
        let serviceID = service.id.rawValue
        if let sequence = offline.sequence {
            let lease = try await session.first(
                """
                SELECT min(created_at) FROM leases WHERE kiosk_id = \(kiosk) AND service_id = \(serviceID) AND day = \(day)
                AND \(sequence) BETWEEN first AND last
                """)
            guard let row = lease, case .integer(let created) = row[0] else {
                throw Problems.unprocessable("not-leased", "Number not leased", "\(offline.number) is not in a lease of this kiosk for \(day)")
            }
            guard offline.number == Ticket.number(for: service, sequence: sequence) else {
                throw Problems.unprocessable(
                    "number-mismatch", "Number does not match sequence", "sequence \(sequence) is not \(Problems.quoted(offline.number))")
            }
            leasedAt = created
        } else {
            let mark = try await Self.kioskMark(session, kiosk, site: site)
            guard OfflineNumbering.isFallbackNumber(offline.number, prefix: service.prefix, mark: mark) else {
                throw Problems.unprocessable(
                    "not-leased", "Number not leased",
                    "\(Problems.quoted(offline.number)) is neither leased nor a fallback number of this kiosk (\(service.prefix)-\(mark)-NNNN)")
            }
        }
        guard try await session.first(
            "SELECT 1 FROM tickets WHERE site_id = \(site) AND service_id = \(serviceID) AND day = \(day) AND number = \(offline.number)"
        ) == nil else {
            throw Problems.conflict("duplicate-number", "Number already used", "\(offline.number) is already held by another ticket")
        }
        return leasedAt
    }
}
