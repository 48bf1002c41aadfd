import KioskProtocol

/// Issue 11's staff mark for a ticket whose print its kiosk reported `uncertain` (the printer did not
/// confirm it: kioskd killed mid-print, paper out mid-job): the paper may or may not have come out.
///
/// The decision: a marked ticket is **called in its turn, with the mark** (`printUncertain: true` in
/// the call's answer), not held. Holding it would leave a citizen who holds the paper uncalled until
/// they thought to ask at a desk; calling it costs, when no paper came out, one call nobody answers,
/// which the counter marks a no-show as for anyone absent. Staff list the marked tickets of their
/// site (`GET /v1/uncertain-tickets`) and settle each: **confirm** (the citizen shows the paper, or
/// asks at the desk as the kiosk's notice tells them to: the mark is cleared) or **void** (no ticket
/// came out, e.g. the paper is found torn off in the kiosk: the ticket is never called).
enum UncertainPrint {
    /// What staff decide about a marked ticket; the raw value is the action's path segment.
    enum Settlement: String, CaseIterable, Sendable {
        case confirm = "confirm-print"
        case void = "void-unprinted"
    }

    /// Staff's list of marked tickets.
    static let listPath = "/v1/uncertain-tickets"

    /// The states in which a marked ticket is listed for staff: it may still reach a counter.
    static let open: [TicketState] = [.waiting, .called, .serving]

    /// Most tickets one list answers (a site has a handful at most; a runaway kiosk cannot grow the answer).
    static let listLimit = 500

    /// Why a ticket staff voided this way is void.
    static let voidReason = "staff: no ticket came out (print uncertain)"

    /// Checks that a ticket in `state` (`marked` or not) may be settled so: a 409 problem otherwise.
    static func check(_ settlement: Settlement, state: String, marked: Bool) throws {
        guard marked else {
            throw Problems.conflict(
                "not-uncertain", "Print not uncertain", "this ticket's print was not reported uncertain, or staff settled it already")
        }
        let allowed: [TicketState] = settlement == .confirm ? open : [.waiting, .called]
        guard allowed.map(\.rawValue).contains(state) else {
            throw Problems.conflict(
                "invalid-transition", "Not possible in this state", "\(settlement.rawValue) needs a ticket that is "
                    + allowed.map(\.rawValue).joined(separator: " or ") + "; this one is \(state)")
        }
    }
}

/// The answer to `GET /v1/uncertain-tickets`: the marked tickets still open, oldest first.
struct UncertainTickets: Codable, Sendable {
    var tickets: [QueueTicket]
}
