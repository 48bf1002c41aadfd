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
    /// Bytes trickle (20–400 a second) one way: a request the server gets only once its last byte has come, or an
    /// answer that comes byte by byte; past the kiosk's deadline it gives up, so large bodies fail and small ones may not.
    case slowDrip = "slow-drip"
    /// One kiosk's network is cut off (a cable, a switch port) for minutes to an hour while the others reach the server.
    case partition
    /// The kiosk process dies at an effect boundary (its SQLite files stay) and starts again.
    case kioskCrash = "kiosk-crash"
    /// The printer runs out of paper until a member of staff refills it.
    case paperOut = "paper-out"
    /// The printer stops answering mid-job: the ticket may or may not come out.
    case printerSilent = "printer-silent"
    /// The printer's cover is opened, between tickets or during one (that ticket does not come out), until staff close it.
    case coverOpen = "cover-open"
    /// The printer's USB cable is pulled during a ticket: nothing was sent yet (no paper, the kiosk hears it failed) or
    /// part of it was (paper or not, the kiosk reports it uncertain); the printer is gone until staff plug it in again.
    case unplug = "unplug-mid-ticket"
    /// One kiosk's wall clock is wrong (2 s to 100 min, either way: a flat RTC battery, NTP unreachable) until NTP sets
    /// it right; its monotonic clock is not. The kiosk decides hours and stamps tickets by it; the server corrects by
    /// the offset the kiosk learned from its answers.
    case clockSkew = "clock-skew"
    /// The queue server stops (connections refused) and starts again on its SQLite file.
    case serverRestart = "server-restart"

    public static func < (lhs: FaultKind, rhs: FaultKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The network faults, which come in episodes on one kiosk's link.
    static let network: [FaultKind] = [.blackHole, .reset, .latency, .cutResponse, .serverError, .malformedJSON, .slowDrip]

    /// The printer's faults, one drawn at each printer fault.
    static let printer: [FaultKind] = [.paperOut, .printerSilent, .coverOpen, .unplug]
}

/// How often faults come: mean simulated minutes between episodes, per kiosk (network, partition, crash, printer,
/// clock) or for the server. Zero turns a kind off.
public struct FaultRates: Sendable, Hashable {
    public var networkEpisodeMinutes: Double = 40
    public var partitionMinutes: Double = 360
    public var kioskCrashMinutes: Double = 90
    public var printerFaultMinutes: Double = 80
    public var clockSkewMinutes: Double = 300
    public var serverRestartMinutes: Double = 150

    public init() {}

    /// No faults: a baseline run.
    public static let none: FaultRates = {
        var rates = FaultRates()
        rates.networkEpisodeMinutes = 0
        rates.partitionMinutes = 0
        rates.kioskCrashMinutes = 0
        rates.printerFaultMinutes = 0
        rates.clockSkewMinutes = 0
        rates.serverRestartMinutes = 0
        return rates
    }()
}
