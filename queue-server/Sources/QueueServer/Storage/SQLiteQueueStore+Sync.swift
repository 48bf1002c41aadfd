import KioskCore
import KioskProtocol
import KioskSQLite

/// Offline tickets from a kiosk's outbox: the paper is the truth, within the server's rules.
///
/// A leased number must come from a lease this kiosk holds for that service and day; a fallback
/// number must carry the mark the server gave this kiosk; either is refused if another ticket of that
/// site, service and day already has it. The ticket's day is the one the kiosk numbered it for (its lease's
/// day) when its clock agrees with that day within the skew; its place in the queue is its claimed
/// moment, kept inside that day, after its lease was granted and not after now (the original
/// `issuedAt` and `clockOffsetMs` are stored as sent). A leased number is not refused for hours (the lease
/// was the server's consent); a fallback number is checked for them. A printed ticket is never refused for
/// the quota: the citizen holds its paper (``QuotaRules``); it counts, and staff see the service over its quota.
/// But a kiosk's fallback numbers of a service and day beyond one quota are no paper a working kiosk printed
/// (`over-kiosk-quota`), and a fallback number queues at its claim only inside the kiosk's last silence
/// (``KioskSilence``, ``OfflineRules/fallbackPlace(claimed:silence:now:)``).
extension SQLiteQueueStore {
    func kioskHeard(_ kiosk: String, now: Int64) async throws {
        try await writer.perform { database in
            try database.query(
                "INSERT INTO kiosk_contacts (kiosk_id, heard_at) VALUES (?, ?) " + KioskSilence.onConflict, [.text(kiosk), .integer(now)])
        }
    }

    func sync(_ batch: SyncBatch, kiosk: String, site: String, now: Int64) async throws -> SyncReply {
        guard batch.tickets.count <= 200 else { throw Problems.invalid("at most 200 tickets per batch, got \(batch.tickets.count)") }
        let rules = try catalogues.of(site).rules
        return try await writer.perform { [self] database in
            let silence = try Self.lastSilence(database, kiosk)
            var results: [SyncResult] = []
            for offline in batch.tickets {
                // The id as the kiosk sent it, so it can match the answer to its outbox.
                let id = offline.ticket.ticketId
                try database.execute("SAVEPOINT ticket")
                do {
                    let (ticket, created) = try syncOne(database, offline, rules: rules, kiosk: kiosk, site: site, silence: silence, now: now)
                    try database.execute("RELEASE ticket")
                    results.append(SyncResult(ticketId: id, outcome: created ? .accepted : .alreadyKnown, reason: nil, ticket: ticket))
                } catch let problem as Problem {
                    try database.execute("ROLLBACK TO ticket; RELEASE ticket")
                    results.append(SyncResult(ticketId: id, outcome: .rejected, reason: problem.kind, ticket: nil))
                }
            }
            return SyncReply(results: results)
        }
    }

    /// The last silence of `kiosk` (nil when it had none).
    private static func lastSilence(_ database: SQLiteDatabase, _ kiosk: String) throws -> KioskSilence? {
        let row = try database.query("SELECT silence_start, silence_end FROM kiosk_contacts WHERE kiosk_id = ?", [.text(kiosk)]).first
        guard let row, case .integer(let start) = row[0], case .integer(let end) = row[1] else { return nil }
        return KioskSilence(start: start, end: end)
    }

    private func syncOne(
        _ database: SQLiteDatabase, _ offline: OfflineTicket, rules: IssueRules, kiosk: String, site: String, silence: KioskSilence?,
        now: Int64
    ) throws -> (QueueTicket, Bool) {
        var request = Self.canonical(offline.ticket)
        let service = try rules.validate(ticketID: request.ticketId, serviceID: request.serviceId, language: request.language)
        // A priority the kiosk may not give is not given (the ticket keeps its place and number),
        // before anything compares it, so a replay of such a ticket is the same ticket.
        let mayClaim = try Self.mayClaimPriority(database, kiosk)
        request.priority = request.priority && mayClaim
        let existing = try find(database, request.ticketId)
        if let existing {
            try requireSame(existing, request, kiosk: kiosk)
            // A replay of a ticket the server holds under the printed number: nothing to do.
            if try existing.text(6) == offline.number {
                return (try view(database, existing), false)
            }
        }
        let claimed = ClockRules.claimed(issuedAt: request.issuedAt, offset: request.clockOffsetMs)
        let day = try OfflineRules.day(of: offline, claimed: claimed, clock: clock, now: now)
        let series = offline.sequence == nil ? NumberSeries.general : try OfflineRules.series(of: offline, service: service)
        let leasedAt = try checkNumber(database, offline, service: service, series: series, kiosk: kiosk, site: site, day: day.description)
        var queuedAt = OfflineRules.queuedAt(claimed: claimed, day: day, leasedAt: leasedAt, clock: clock, now: now)
        if offline.sequence == nil {
            // A late online copy keeps the place the server gave it when it stored it.
            queuedAt = try existing?.int64(7) ?? OfflineRules.fallbackPlace(claimed: queuedAt, silence: silence, now: now)
        }
        if let existing {
            // An online request the kiosk gave up on (its deadline passed) was stored late, under a
            // number nobody holds: the ticket takes the number printed offline, whatever happened meanwhile.
            let next = OfflineRules.stateAfterRenumbering(try existing.text(9), printed: offline.printed)
            try database.query(
                """
                UPDATE tickets SET series = ?, sequence = ?, number = ?, day = ?, queued_at = ?, origin = 'offline', state = ?, void_reason = ?,
                    held_until = NULL, counter_id = CASE WHEN ? = 'waiting' THEN NULL ELSE counter_id END,
                    called_at = CASE WHEN ? = 'waiting' THEN NULL ELSE called_at END,
                    finished_at = CASE WHEN ? = 'waiting' THEN NULL ELSE finished_at END
                WHERE ticket_id = ?
                """,
                [.text(series.rawValue), .optional(offline.sequence), .text(offline.number), .text(day.description), .integer(queuedAt), .text(next),
                 .optional(offline.printed ? nil : "not printed"), .text(next), .text(next), .text(next), .text(request.ticketId)])
            return (try view(database, try found(database, request.ticketId)), false)
        }
        if offline.sequence == nil {
            // A lease is the server's consent to numbers of its day (the kiosk checks hours by its own
            // clock); a fallback number had no consent. Neither is refused for the quota (``QuotaRules``).
            try rules.checkOpen(service, at: OfflineRules.openingMoment(claimed: claimed, day: day, clock: clock))
        }
        try insert(
            database, request, service: service, site: site, day: day.description, series: series, sequence: offline.sequence,
            number: offline.number,
            queuedAt: queuedAt, kiosk: kiosk, origin: "offline", booking: nil, state: offline.printed ? .waiting : .voided, now: now)
        return (try view(database, try found(database, request.ticketId)), true)
    }

    /// Checks an offline ticket's number (a leased one in a lease of its `series`); returns when its lease was granted
    /// (nil for a fallback number).
    private func checkNumber(
        _ database: SQLiteDatabase, _ offline: OfflineTicket, service: Service, series: NumberSeries, kiosk: String, site: String, day: String
    ) throws -> Int64? {
        var leasedAt: Int64?
        if let sequence = offline.sequence {
            let lease = try database.query(
                """
                SELECT min(created_at) FROM leases
                WHERE site_id = ? AND kiosk_id = ? AND service_id = ? AND day = ? AND series = ? AND ? BETWEEN first AND last
                """, [.text(site), .text(kiosk), .text(service.id.rawValue), .text(day), .text(series.rawValue), .int(sequence)])
            guard let row = lease.first, case .integer(let created) = row[0] else { throw OfflineRules.notLeased(offline, day: day) }
            try OfflineRules.checkLeasedNumber(offline, sequence: sequence, service: service, series: series)
            leasedAt = created
        } else {
            try OfflineRules.checkFallbackNumber(offline, service: service, mark: try Self.kioskMark(database, kiosk, site: site))
            let held = try database.query(
                "SELECT count(*) FROM tickets WHERE site_id = ? AND service_id = ? AND day = ? AND sequence IS NULL AND kiosk_id = ?",
                [.text(site), .text(service.id.rawValue), .text(day), .text(kiosk)]
            ).first?.int(0) ?? 0
            try OfflineRules.checkFallbackCount(offline, service: service, held: held, day: day)
        }
        guard try database.query(
            "SELECT 1 FROM tickets WHERE site_id = ? AND service_id = ? AND day = ? AND number = ?",
            [.text(site), .text(service.id.rawValue), .text(day), .text(offline.number)]
        ).isEmpty else { throw OfflineRules.duplicate(offline) }
        return leasedAt
    }
}
