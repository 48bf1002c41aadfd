import KioskCore

/// The ground truth the kiosks cannot see: which paper came out, which prints their kiosk reported
/// uncertain, what the counters called, and how each citizen's visit ended.
struct Ledger {
    /// A ticket that came out of a printer: a citizen holds it.
    struct Paper: Hashable {
        var kiosk: String
        var number: String
        var service: String
        var day: String
        /// When it came out (true time, simulated milliseconds).
        var at: Int64
        /// When the citizen chose its service (true time): opening hours are judged at this moment.
        var issuedAt: Int64
        /// How far the kiosk's wall clock was off then (ms; positive: ahead): the kiosk judged hours by it.
        var clockError: Int64
    }

    /// A citizen told a service is full (its daily quota used).
    struct Full: Hashable {
        var kiosk: String
        var service: String
        var at: Int64
        /// The service's tickets the server held live then (ids): what its quota counted.
        var liveOnServer: [String]
    }

    /// Paper by ticket id (lowercased), this day.
    var papers: [String: Paper] = [:]
    /// Tickets a kiosk reported uncertain (a silent printer, a crash mid-print), this day.
    var uncertain: Set<String> = []
    /// A counter's call of a ticket.
    struct Call {
        var id: String
        var number: String
        /// Its kiosk knew then that no paper came out of it, and had not been able to tell the server yet (the report
        /// waited in its outbox, past the server's hold): the server could not know it was calling nobody.
        var kioskCouldNotTellYet = false
    }

    /// Tickets the counters called, this day.
    var calls: [Call] = []
    /// Citizens turned away while their kiosk's printer worked and had paper, this day.
    var turnedAway: [(why: String, tickets: [String])] = []
    /// Tickets printed in the wrong series (a priority citizen's not in the service's priority series, or the other way), this day.
    var misnumbered: [(why: String, tickets: [String])] = []
    /// Citizens told a service is full, this day.
    var toldFull: [Full] = []
    /// Every citizen's visit by how it ended, the whole run.
    var visits: [String: Int] = [:]
    /// Tickets printed, the whole run.
    var printed = 0
    /// Faults injected by kind, the whole run (network kinds count episodes; requests changed are in ``SimNetwork``).
    var faults: [FaultKind: Int] = [:]

    /// Forgets the day's paper, calls and complaints once the day is judged.
    mutating func dayJudged() {
        papers = [:]
        uncertain = []
        calls = []
        turnedAway = []
        misnumbered = []
        toldFull = []
    }
}
