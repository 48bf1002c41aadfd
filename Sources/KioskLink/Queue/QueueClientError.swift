import KioskProtocol

/// Why a queue API call gave no answer the kiosk can use.
public enum QueueClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No HTTP answer: connection refused, timeout, reset.
    case transport(String)
    /// The server answered with a problem (RFC 9457): the request was understood and refused.
    case problem(Problem)
    /// An answer that is not what the API promises.
    case unexpected(status: Int, detail: String)

    public var description: String {
        switch self {
        case .transport(let detail): "queue server unreachable: \(detail)"
        case .problem(let problem): "queue server refused (\(problem.status) \(problem.kind)): \(problem.detail ?? problem.title)"
        case .unexpected(let status, let detail): "unexpected answer from the queue server (HTTP \(status)): \(detail)"
        }
    }
}
