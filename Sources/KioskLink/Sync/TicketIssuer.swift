import KioskCore
import KioskProtocol

/// A ticket ready to print: the server's, or one the kiosk issued offline.
public struct IssuedTicket: Sendable, Hashable {
    public var ticketID: String
    public var number: String
    /// Position in the service's daily sequence; nil for a kiosk-marked fallback number.
    public var sequence: Int?
    /// People ahead and the estimated wait, as the server answered; nil offline.
    public var peopleAhead: Int?
    public var estimatedWaitMinutes: Int?
    /// True when the server did not answer in time and the kiosk numbered the ticket itself.
    public var offline: Bool
}

/// What became of a request for a ticket.
public enum IssueOutcome: Sendable, Hashable {
    case issued(IssuedTicket)
    /// The server answered and refused (service closed, quota reached): no ticket exists.
    case refused(Problem)
}

/// Issues a ticket online within a deadline, or offline with the same ticket id.
///
/// On the deadline, a connection failure, a 5xx or an answer it cannot read, the ticket is
/// numbered from a lease and committed to the outbox; because the id is the same, a request the
/// server handled late and the synced offline ticket are one ticket on the server (which keeps
/// the number that was printed). Blocking: call it off the event loop.
public struct TicketIssuer: Sendable {
    private let client: QueueClient
    private let deadlineMilliseconds: Int
    private let confirmsPrints: Bool
    /// A retry after a lost answer is worth making only with this much of the deadline left.
    static let retryFloorMilliseconds = 100

    /// Asks `client` (a connection used for citizen requests only) with `deadlineMilliseconds` per
    /// ticket. `confirmsPrints`: the kiosk reports every print outcome, so the server holds each online
    /// ticket until it hears one.
    public init(client: QueueClient, deadlineMilliseconds: Int, confirmsPrints: Bool = false) {
        self.client = client
        self.deadlineMilliseconds = deadlineMilliseconds
        self.confirmsPrints = confirmsPrints
    }

    /// The online answer, or `offline()`'s ticket when the server gave none in time.
    public func issue(_ request: IssueTicketRequest, offline: () throws -> OfflineIssue) throws -> IssueOutcome {
        // The server holds a ticket it stores after this deadline until the kiosk syncs or confirms it.
        var online = request
        online.answerWithinMs = deadlineMilliseconds
        if confirmsPrints { online.holdUntilPrinted = true }
        switch askWithinDeadline(online) {
        case .success(let ticket):
            return .issued(IssuedTicket(
                ticketID: ticket.ticketId, number: ticket.number, sequence: ticket.sequence, peopleAhead: ticket.peopleAhead,
                estimatedWaitMinutes: ticket.estimatedWaitMinutes, offline: false))
        case .failure(.problem(let problem)) where Self.isRefusal(problem):
            return .refused(problem)
        case .failure:
            let issue = try offline()
            return .issued(IssuedTicket(
                ticketID: request.ticketId, number: issue.ticket.number, sequence: issue.ticket.sequence, peopleAhead: nil,
                estimatedWaitMinutes: nil, offline: true))
        }
    }

    /// Asks, and once more with the same ticket id after an answer lost on the way (a reset or cut
    /// connection) while enough of the deadline is left: the server answers a replay with the ticket
    /// it stored, so the citizen gets the online number instead of an offline twin.
    private func askWithinDeadline(_ request: IssueTicketRequest) -> Result<QueueTicket, QueueClientError> {
        let started = WallClock.monotonicMilliseconds()
        let first = Result { () throws(QueueClientError) in try client.issue(request, deadlineMilliseconds: deadlineMilliseconds) }
        guard case .failure(.transport) = first else { return first }
        let left = deadlineMilliseconds - Int(clamping: WallClock.monotonicMilliseconds() - started)
        guard left >= Self.retryFloorMilliseconds else { return first }
        return Result { () throws(QueueClientError) in try client.issue(request, deadlineMilliseconds: left) }
    }

    /// A refusal the citizen must be told about; anything else (auth, conflicts, server errors) issues offline.
    static func isRefusal(_ problem: Problem) -> Bool {
        ["closed", "quota-exhausted", "unknown-service"].contains(problem.kind)
    }
}
