/// The faults a run injects, each drawn from the seed.
public enum FaultKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Requests vanish: the kiosk waits its whole deadline and hears nothing.
    case blackHole = "black-hole"
    /// The connection is reset before the request arrives.
    case reset
    /// Each answer takes longer (0.2–4 s): past the number deadline, the server stores a late copy.
    case latency
    /// The server handles the request and the answer is lost on the way back.
    case cutResponse = "cut-response"
    /// A proxy answers 500 without passing the request on.
    case serverError = "server-error"
    /// The server handles the request and the kiosk receives a body that is not JSON.
    case malformedJSON = "malformed-json"
    /// The kiosk process dies at an effect boundary (its SQLite files stay) and starts again.
    case kioskCrash = "kiosk-crash"
    /// The printer runs out of paper until a member of staff refills it.
    case paperOut = "paper-out"
    /// The printer stops answering mid-job: the ticket may or may not come out.
    case printerSilent = "printer-silent"
    /// The queue server stops (connections refused) and starts again on its SQLite file.
    case serverRestart = "server-restart"

    public static func < (lhs: FaultKind, rhs: FaultKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The network faults, which come in episodes on one kiosk's link.
    static let network: [FaultKind] = [.blackHole, .reset, .latency, .cutResponse, .serverError, .malformedJSON]
}

/// How often faults come: mean simulated minutes between episodes, per kiosk (network, crash, printer)
/// or for the server. Zero turns a kind off.
public struct FaultRates: Sendable, Hashable {
    public var networkEpisodeMinutes: Double = 40
    public var kioskCrashMinutes: Double = 90
    public var printerFaultMinutes: Double = 120
    public var serverRestartMinutes: Double = 150

    public init() {}

    /// No faults: a baseline run.
    public static let none: FaultRates = {
        var rates = FaultRates()
        rates.networkEpisodeMinutes = 0
        rates.kioskCrashMinutes = 0
        rates.printerFaultMinutes = 0
        rates.serverRestartMinutes = 0
        return rates
    }()
}
