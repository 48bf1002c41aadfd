extension KioskState {
    /// Takes the next number of `service` for the local day of `context.now` (starting the day
    /// afresh when it changed) and returns the ticket, in the citizen's language and with the
    /// priority they asked for, counted in quota session `session` where the service has them.
    /// A priority ticket of a service with a priority series takes that series' next number.
    mutating func nextTicket(for service: Service, session: Int?, _ context: StepContext, zone: KioskTimeZone) -> Ticket {
        let today = LocalTime(context.now, zone: zone).dayKey
        if today != day {
            day = today
            lastSequence = [:]
            lastPrioritySequence = [:]
            sessionIssued = [:]
        }
        let series = service.series(for: priority)
        let sequence: Int
        switch series {
        case .general:
            sequence = lastSequence[service.id, default: 0] + 1
            lastSequence[service.id] = sequence
        case .priority:
            sequence = lastPrioritySequence[service.id, default: 0] + 1
            lastPrioritySequence[service.id] = sequence
        }
        if let session { sessionIssued[service.id, default: [:]][session, default: 0] += 1 }
        var ticket = Ticket(
            id: context.freshTicketID, serviceID: service.id, agencyID: service.agencyID, day: today,
            sequence: sequence, number: Ticket.number(for: service, sequence: sequence, series: series), issuedAt: context.now,
            peopleAhead: nil, language: language, priority: priority)
        ticket.series = series
        return ticket
    }
}
