import KioskCore

extension ServerAnswer {
    /// What the server said to an ask (``SyncLink/ask(ticketID:service:issuedAt:language:priority:)``), as the core hears it:
    /// its number, its problem, or no usable answer.
    public init(heard: Result<IssuedTicket, QueueClientError>) {
        switch heard {
        case .success(let ticket):
            self = .numbered(NumberedTicket(
                number: ticket.number, sequence: ticket.sequence, peopleAhead: ticket.peopleAhead,
                estimatedWaitMinutes: ticket.estimatedWaitMinutes, offline: false))
        case .failure(.problem(let problem)): self = .problem(kind: problem.kind, status: problem.status)
        case .failure(let failure): self = .none(reason: failure.description)
        }
    }
}
