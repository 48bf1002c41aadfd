import KioskCore

/// A kiosk's thermal printer as the simulation models it: a paper roll, and a fault for a while.
struct SimPrinter {
    /// What a print job did, as the paper shows it and as the kiosk hears it.
    enum Job: Equatable {
        /// The printer confirmed the ticket: it came out.
        case printed
        /// No ticket came out and the kiosk can tell (paper out, cover open, no printer to write to).
        case failed(String)
        /// The job stopped part-way (the printer went silent, the cable was pulled): `cameOut` says whether the ticket
        /// came out, which the kiosk cannot know.
        case uncertain(String, cameOut: Bool)

        /// Whether a ticket came out: a citizen holds it.
        var cameOut: Bool {
            switch self {
            case .printed: true
            case .failed: false
            case .uncertain(_, let cameOut): cameOut
            }
        }
    }

    /// Tickets a roll holds.
    static let rollTickets = 400
    var paperLeft = rollTickets
    /// A fault and when staff clear it (refill the paper, close the cover, power or plug the printer again).
    var fault: (kind: FaultKind, until: Int64)?
    /// A fault that strikes during the next job, and how long it lasts then.
    var armed: (kind: FaultKind, milliseconds: Int64)?

    /// What the kiosk's status poll reads at `now`.
    func condition(at now: Int64) -> PrinterCondition {
        if let fault, fault.until > now { return Self.condition(during: fault.kind) }
        return paperLeft > 0 ? .ready : .paperOut
    }

    /// What the status poll reads during a fault of `kind`.
    private static func condition(during kind: FaultKind) -> PrinterCondition {
        switch kind {
        case .paperOut: .paperOut
        case .coverOpen: .coverOpen
        case .unplug: .offline
        default: .notAnswering
        }
    }

    /// Works and has paper at `now`: a citizen must not be turned away.
    func works(at now: Int64) -> Bool { condition(at: now) == .ready }

    /// Staff look at the printer at `now` (on their rounds): a fault whose time is over is cleared, an empty roll replaced.
    mutating func tend(at now: Int64) {
        if let fault, fault.until <= now {
            self.fault = nil
            if fault.kind == .paperOut { paperLeft = Self.rollTickets }
        }
        if fault == nil, paperLeft == 0 { paperLeft = Self.rollTickets }
    }

    /// Prints one ticket at `now`; `partSent` decides whether an unplugged job had sent anything, `cameOut` whether a
    /// job that stopped part-way left a ticket.
    mutating func print(at now: Int64, partSent: Bool, cameOut: Bool) -> Job {
        if let armed, condition(at: now) == .ready {
            self.armed = nil
            fault = (armed.kind, now + armed.milliseconds)
            switch armed.kind {
            case .paperOut:
                return .failed("paper ran out mid-ticket")
            case .coverOpen:
                return .failed("the cover was opened mid-ticket")
            case .unplug where !partSent:
                return .failed("the printer was unplugged before the ticket was sent")
            case .unplug:
                if cameOut { paperLeft -= 1 }
                return .uncertain("the printer was unplugged mid-ticket", cameOut: cameOut)
            default:
                if cameOut { paperLeft -= 1 }
                return .uncertain("the printer stopped answering", cameOut: cameOut)
            }
        }
        switch condition(at: now) {
        case .ready:
            paperLeft -= 1
            return .printed
        case .notAnswering:
            return .uncertain("the printer stopped answering", cameOut: cameOut)
        case .coverOpen:
            return .failed("cover open")
        case .offline:
            return .failed("no printer connected")
        default:
            return .failed("paper out")
        }
    }
}
