import FoundationEssentials

/// Paths of the queue API (docs/queue-api.yaml), shared by the kiosk client and the server.
public enum QueueAPI {
    public static let catalogue = "/v1/catalogue"
    public static let tickets = "/v1/tickets"
    public static let leases = "/v1/leases"
    public static let sync = "/v1/sync"
    public static let checkIns = "/v1/check-ins"
    public static let heartbeat = "/v1/heartbeat"
    public static let kiosks = "/v1/kiosks"
    public static let callNext = "/v1/counter/call-next"

    /// `/v1/tickets/{id}`.
    public static func ticket(_ id: String) -> String { tickets + "/" + id }
    /// `/v1/tickets/{id}/print-outcome`.
    public static func printOutcome(_ id: String) -> String { ticket(id) + "/print-outcome" }
    public static func survey(_ id: String) -> String { ticket(id) + "/survey" }
    /// `/v1/tickets/{id}/{action}`: a counter action on a ticket.
    public static func counterAction(_ id: String, _ action: CounterAction) -> String { ticket(id) + "/" + action.rawValue }
    /// The citizen page: `/t/{id}`.
    public static func citizenPage(_ id: String) -> String { "/t/" + id }

    /// The JSON coder both sides use.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// What staff do with a called ticket.
public enum CounterAction: String, Codable, Sendable, CaseIterable {
    case recall, start, done, noShow = "no-show", transfer
}
