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

/// Asks the queue server for a ticket's number within a deadline.
///
/// What follows a missing answer is the core's decision (``ServerAnswer/refusal``): on the deadline, a
/// connection failure, a 5xx or an answer it cannot read, the ticket is numbered from a lease under the
/// same id, so a request the server handled late and the synced offline ticket are one ticket on the
/// server (which keeps the number that was printed). Blocking: call it off the event loop.
public struct TicketIssuer: Sendable {
    private let client: QueueClient
    private let deadlineMilliseconds: Int
    private let confirmsPrints: Bool
    private let clocks: LinkClocks
    /// A retry after a lost answer is worth making only with this much of the deadline left.
    static let retryFloorMilliseconds = 100

    /// Asks `client` (a connection used for citizen requests only) with `deadlineMilliseconds` per
    /// ticket. `confirmsPrints`: the kiosk reports every print outcome, so the server holds each online
    /// ticket until it hears one. `clocks.monotonic` measures the deadline spent.
    public init(client: QueueClient, deadlineMilliseconds: Int, confirmsPrints: Bool = false, clocks: LinkClocks = .system) {
        self.client = client
        self.clocks = clocks
        self.deadlineMilliseconds = deadlineMilliseconds
        self.confirmsPrints = confirmsPrints
    }

    /// The server's number for `request`, or why there is none within the deadline.
    public func ask(_ request: IssueTicketRequest) -> Result<IssuedTicket, QueueClientError> {
        // The server holds a ticket it stores after this deadline until the kiosk syncs or confirms it.
        var online = request
        online.answerWithinMs = deadlineMilliseconds
        if confirmsPrints { online.holdUntilPrinted = true }
        return askWithinDeadline(online).map { ticket in
            IssuedTicket(
                ticketID: ticket.ticketId, number: ticket.number, sequence: ticket.sequence, peopleAhead: ticket.peopleAhead,
                estimatedWaitMinutes: ticket.estimatedWaitMinutes, offline: false)
        }
    }

    /// Asks, and once more with the same ticket id after an answer lost on the way (a reset or cut
    /// connection) while enough of the deadline is left: the server answers a replay with the ticket
    /// it stored, so the citizen gets the online number instead of an offline twin.
    private func askWithinDeadline(_ request: IssueTicketRequest) -> Result<QueueTicket, QueueClientError> {
        let started = clocks.monotonic()
        let first = Result { () throws(QueueClientError) in try client.issue(request, deadlineMilliseconds: deadlineMilliseconds) }
        guard case .failure(.transport) = first else { return first }
        let left = deadlineMilliseconds - Int(clamping: clocks.monotonic() - started)
        guard left >= Self.retryFloorMilliseconds else { return first }
        return Result { () throws(QueueClientError) in try client.issue(request, deadlineMilliseconds: left) }
    }
}
