import KioskCore
import KioskProtocol
import PostgresNIO

/// Offline tickets from a kiosk's outbox, with the rules of `SQLiteQueueStore+Sync.swift`: the
/// paper is the truth, within the server's rules. Each ticket has its own savepoint and its answer
/// is read inside the transaction, as SQLite's. A conflict with another server process (the same
/// ticket or number committed meanwhile) rolls the batch back to the writer's savepoint, and the
/// writer runs it again in a later transaction, which finds the other's row.
extension PostgresQueueStore {
    func kioskHeard(_ kiosk: String, now: Int64) async throws {
        try await writer.perform { session in
            try await session.rows(
                "INSERT INTO kiosk_contacts (kiosk_id, heard_at) VALUES (\(kiosk), \(now)) \(unescaped: KioskSilence.onConflict)")
        }
    }

    func sync(_ batch: SyncBatch, kiosk: String, site: String, now: Int64) async throws -> SyncReply {
        guard batch.tickets.count <= 200 else { throw Problems.invalid("at most 200 tickets per batch, got \(batch.tickets.count)") }
        let rules = try await catalogue(site).rules
        return try await writer.perform { [self] session in
            let silence = try await Self.lastSilence(session, kiosk)
            var results: [SyncResult] = []
            for offline in batch.tickets {
                // The id as the kiosk sent it, so it can match the answer to its outbox.
                let id = offline.ticket.ticketId
                try await session.execute("SAVEPOINT ticket")
                do {
                    let (ticket, created) = try await syncOne(
                        session, offline, rules: rules, kiosk: kiosk, site: site, silence: silence, now: now)
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

    /// The last silence of `kiosk` (nil when it had none).
    private static func lastSilence(_ session: PostgresSession, _ kiosk: String) async throws -> KioskSilence? {
        let row = try await session.first("SELECT silence_start, silence_end FROM kiosk_contacts WHERE kiosk_id = \(kiosk)")
        guard let row, case .integer(let start) = row[0], case .integer(let end) = row[1] else { return nil }
        return KioskSilence(start: start, end: end)
    }

    /// Stores one offline ticket; returns it as stored, and true when new.
    private func syncOne(
        _ session: PostgresSession, _ offline: OfflineTicket, rules: IssueRules, kiosk: String, site: String, silence: KioskSilence?,
        now: Int64
    ) async throws -> (QueueTicket, Bool) {
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
            if try existing.text(6) == offline.number { return (try view(existing), false) }
        }
        let claimed = ClockRules.claimed(issuedAt: request.issuedAt, offset: request.clockOffsetMs)
        let day = try OfflineRules.day(of: offline, claimed: claimed, clock: clock, now: now)
        let serviceID = service.id.rawValue
        // Offline tickets count against the quota: stored under the sequence row's lock, as online ones are counted.
        try await Self.lockSequence(session, site: site, service: serviceID, day: day.description)
        let series = offline.sequence == nil ? NumberSeries.general : try OfflineRules.series(of: offline, service: service)
        let leasedAt = try await checkNumber(
            session, offline, service: service, series: series, kiosk: kiosk, site: site, day: day.description)
        var queuedAt = OfflineRules.queuedAt(claimed: claimed, day: day, leasedAt: leasedAt, clock: clock, now: now)
        if offline.sequence == nil {
            // A late online copy keeps the place the server gave it when it stored it.
            queuedAt = try existing?.int64(7) ?? OfflineRules.fallbackPlace(claimed: queuedAt, silence: silence, now: now)
        }
        if let existing {
            // An online request the kiosk gave up on was stored late, under a number nobody holds:
            // the ticket takes the number printed offline.
            let next = OfflineRules.stateAfterRenumbering(try existing.text(9), printed: offline.printed)
            let reason: String? = offline.printed ? nil : "not printed"
            try await session.rows(
                """
                UPDATE tickets SET series = \(series.rawValue), sequence = \(offline.sequence), number = \(offline.number), day = \(day.description),
                    queued_at = \(queuedAt), origin = 'offline', state = \(next), void_reason = \(reason), held_until = NULL,
                    counter_id = CASE WHEN \(next) = 'waiting' THEN NULL ELSE counter_id END,
                    called_at = CASE WHEN \(next) = 'waiting' THEN NULL ELSE called_at END,
                    finished_at = CASE WHEN \(next) = 'waiting' THEN NULL ELSE finished_at END
                WHERE ticket_id = \(request.ticketId)
                """)
            return (try await viewFound(session, request.ticketId), false)
        }
        if offline.sequence == nil {
            // A lease is the server's consent to numbers of its day; a fallback number had no consent.
            // Neither is refused for the quota: the citizen holds its paper (``QuotaRules``).
            try rules.checkOpen(service, at: OfflineRules.openingMoment(claimed: claimed, day: day, clock: clock))
        }
        let row = try await insert(
            session, request, service: service, site: site, day: day.description, series: series, sequence: offline.sequence,
            number: offline.number,
            queuedAt: queuedAt, kiosk: kiosk, origin: "offline", booking: nil, state: offline.printed ? .waiting : .voided, held: nil, now: now)
        return (try view(row), true)
    }

    /// Checks an offline ticket's number (a leased one in a lease of its `series`); returns when its lease was granted
    /// (nil for a fallback number).
    private func checkNumber(
        _ session: PostgresSession, _ offline: OfflineTicket, service: Service, series: NumberSeries, kiosk: String, site: String, day: String
    ) async throws -> Int64? {
        var leasedAt: Int64?
        let serviceID = service.id.rawValue
        if let sequence = offline.sequence {
            let lease = try await session.first(
                """
                SELECT min(created_at) FROM leases WHERE site_id = \(site) AND kiosk_id = \(kiosk) AND service_id = \(serviceID) AND day = \(day)
                AND series = \(series.rawValue) AND \(sequence) BETWEEN first AND last
                """)
            guard let row = lease, case .integer(let created) = row[0] else { throw OfflineRules.notLeased(offline, day: day) }
            try OfflineRules.checkLeasedNumber(offline, sequence: sequence, service: service, series: series)
            leasedAt = created
        } else {
            try OfflineRules.checkFallbackNumber(offline, service: service, mark: try await Self.kioskMark(session, kiosk, site: site))
            let held = try await session.first(
                """
                SELECT count(*) FROM tickets
                WHERE site_id = \(site) AND service_id = \(serviceID) AND day = \(day) AND sequence IS NULL AND kiosk_id = \(kiosk)
                """)?.int(0) ?? 0
            try OfflineRules.checkFallbackCount(offline, service: service, held: held, day: day)
        }
        guard try await session.first(
            "SELECT 1 FROM tickets WHERE site_id = \(site) AND service_id = \(serviceID) AND day = \(day) AND number = \(offline.number)"
        ) == nil else { throw OfflineRules.duplicate(offline) }
        return leasedAt
    }
}
