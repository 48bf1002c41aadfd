import KioskCore

/// A kiosk's thermal printer as the simulation models it: a paper roll, and a fault for a while.
struct SimPrinter {
    /// What a print job did, as the paper shows it and as the kiosk hears it.
    enum Job: Equatable {
        /// The printer confirmed the ticket: it came out.
        case printed
        /// No ticket came out and the printer said so.
        case failed(String)
        /// The printer went silent mid-job: `cameOut` says whether paper came out (the kiosk cannot know).
        case silent(cameOut: Bool)
    }

    /// Tickets a roll holds.
    static let rollTickets = 400
    var paperLeft = rollTickets
    /// A fault and when staff clear it (refill the paper, power the printer again).
    var fault: (kind: FaultKind, until: Int64)?
    /// A fault that strikes during the next job, and how long it lasts then.
    var armed: (kind: FaultKind, milliseconds: Int64)?

    /// What the kiosk's status poll reads at `now`.
    func condition(at now: Int64) -> PrinterCondition {
        if let fault, fault.until > now { return fault.kind == .paperOut ? .paperOut : .notAnswering }
        return paperLeft > 0 ? .ready : .paperOut
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

    /// Prints one ticket at `now`; `silentCameOut` decides a silent job's paper.
    mutating func print(at now: Int64, silentCameOut: Bool) -> Job {
        if let armed, condition(at: now) == .ready {
            self.armed = nil
            fault = (armed.kind, now + armed.milliseconds)
            if armed.kind == .paperOut { return .failed("paper ran out mid-ticket") }
            if silentCameOut { paperLeft -= 1 }
            return .silent(cameOut: silentCameOut)
        }
        switch condition(at: now) {
        case .ready:
            paperLeft -= 1
            return .printed
        case .notAnswering:
            return .silent(cameOut: silentCameOut)
        default:
            return .failed("paper out")
        }
    }
}
