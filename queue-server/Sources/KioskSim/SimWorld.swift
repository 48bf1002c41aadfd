import KioskCore

/// What every part of a run shares: time, the seed's dice, the trace, the network (and server), the
/// kiosks' settings and the ground truth. Used from the simulation's one thread only.
final class SimWorld {
    let clock: SimClock
    let dice: Dice
    let trace: TraceLog
    let network: SimNetwork
    let settings: FlowSettings
    let server: ServerConfig
    var ledger = Ledger()
    /// The local day being simulated, `YYYY-MM-DD`.
    var day = ""

    init(clock: SimClock, dice: Dice, trace: TraceLog, network: SimNetwork, settings: FlowSettings, server: ServerConfig) {
        self.clock = clock
        self.dice = dice
        self.trace = trace
        self.network = network
        self.settings = settings
        self.server = server
    }

    func count(_ fault: FaultKind) { ledger.faults[fault, default: 0] += 1 }
}
