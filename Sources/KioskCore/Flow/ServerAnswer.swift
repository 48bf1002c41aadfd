/// What the queue server said, within the number deadline, to ``Effect/requestNumber(_:)`` (linked kiosks).
/// The network worker reports it as heard; the core decides what follows (``refusal``).
public enum ServerAnswer: Sendable, Hashable {
    /// The server numbered the ticket.
    case numbered(NumberedTicket)
    /// The server answered with a problem (RFC 9457) of `kind` (`closed`, `quota-exhausted`, …) and HTTP `status`.
    case problem(kind: String, status: Int)
    /// No usable answer within the deadline: a timeout, a connection failure, an answer that could not be read.
    case none(reason: String)

    /// The refusal the citizen is told about, when the server gave one (then no ticket exists). Anything
    /// else that is not a number (a server error, a conflict, a refused token, no answer) leaves the
    /// ticket to be numbered offline under the same id (docs/ticket-identity.md).
    public var refusal: NumberRefusal? {
        guard case .problem(let kind, _) = self else { return nil }
        switch kind {
        case "quota-exhausted": return .full
        case "closed", "unknown-service": return .closed
        default: return nil
        }
    }

    /// The answer in a few words, for the log.
    public var summary: String {
        switch self {
        case .numbered(let ticket): "numbered \(ticket.number)"
        case .problem(let kind, let status): "problem \(status) \(kind)"
        case .none(let reason): "no answer: \(reason)"
        }
    }
}
