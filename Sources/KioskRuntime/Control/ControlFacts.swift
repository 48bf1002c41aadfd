import KioskCore
import KioskDevices
import KioskLink

/// The facts control answers carry that kioskctl can also read without kioskd (the ledger, the paper
/// counter), built the same way on both paths so `--json` looks the same whoever answered.
enum ControlFacts {
    /// The most tickets one answer lists (a kiosk issues a few hundred a day).
    static let maximumTickets = 10_000

    /// The ledger's tickets of `day` as answer fields: `day`, `count`, `tickets` and `truncated`.
    static func tickets(_ tickets: [StoredTicket], day: String, zone: KioskTimeZone) -> [(String, JSONValue)] {
        let listed = tickets.prefix(maximumTickets).map { ticket in
            let time = LocalTime(ticket.issuedAt, zone: zone)
            var fields: [(String, JSONValue)] = [
                ("time", .text("\(time.timeText):\(time.second < 10 ? "0" : "")\(time.second)")), ("number", .text(ticket.number)),
                ("service", .text(ticket.serviceID.rawValue)), ("outcome", .text(ticket.outcome.rawValue)), ("id", .text(ticket.id)),
            ]
            if let reason = ticket.failureReason { fields.append(("reason", .text(reason))) }
            return JSONValue.fields(fields)
        }
        return [("day", .text(day)), ("count", .integer(tickets.count)), ("tickets", .list(listed)),
                ("truncated", .flag(tickets.count > maximumTickets))]
    }

    /// The paper counter as answer fields: millimetres left and used, the roll, and whether it is nearly used up.
    static func paper(_ counter: PaperCounter) -> [(String, JSONValue)] {
        [("paperLeftMillimetres", .integer(counter.remainingMillimetres())), ("paperUsedMillimetres", .integer(counter.usedMillimetres())),
         ("rollMillimetres", .integer(counter.rollMillimetres)),
         ("paperNearEnd", .flag(counter.isNearEnd))]
    }

    /// kioskd's last log lines (``LogMemory``), oldest first, as the `lines` field.
    static func logs() -> [(String, JSONValue)] {
        [("lines", .list(LogMemory.lines().map(JSONValue.text)))]
    }

    /// A device's level and reason.
    static func device(_ fact: DeviceFact?) -> JSONValue {
        guard let fact else { return .fields([("level", .text("absent"))]) }
        let level = switch fact.level {
            case .ok: "ok"
            case .warning: "warning"
            case .fault: "fault"
            }
        return .fields([("level", .text(level)), ("detail", .text(fact.detail))])
    }
}
