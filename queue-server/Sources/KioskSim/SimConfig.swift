/// What to simulate: how many days from which, kiosks and citizens, faults, and the seed that decides the rest.
public struct SimConfig: Sendable {
    public var seed: UInt64
    /// Working days (a day none of the catalogue's services opens is skipped, not counted).
    public var days: Int
    /// The first day to try, `YYYY-MM-DD` (WITA).
    public var firstDay = "2026-03-02"
    public var kiosks = 3
    /// Citizens a day for each kiosk (they choose among the kiosks that are up).
    public var citizensPerKioskDay = 300
    /// About one citizen in this many comes with an online booking (besides the others); 0: none do.
    public var bookedOneIn = 20
    public var faults = FaultRates()
    /// Seconds between the link's background rounds while the server answers (kioskd: 1; fewer rounds run faster).
    public var linkRoundSeconds = 60
    /// The catalogue (kiosk-config format) the server serves and the kiosks use.
    public var catalogue: [UInt8]
    /// Where the SQLite files go (a new folder inside it, removed afterwards).
    public var directory: String

    public init(seed: UInt64, days: Int, catalogue: [UInt8], directory: String) {
        self.seed = seed
        self.days = days
        self.catalogue = catalogue
        self.directory = directory
    }
}

/// What a run did, and whether every invariant held.
public struct SimReport: Sendable {
    public var seed: UInt64
    public var days: [String] = []
    public var citizens = 0
    /// Tickets that came out of a printer.
    public var printed = 0
    /// Tickets the server held at the end (live or voided).
    public var serverTickets = 0
    /// Citizens' visits by how they ended.
    public var visits: [String: Int] = [:]
    /// Faults injected by kind (network kinds: episodes).
    public var faults: [FaultKind: Int] = [:]
    /// Requests a network fault changed, by kind.
    public var requestsChanged: [FaultKind: Int] = [:]
    public var requests = 0
    public var traceHash = ""
    public var traceLines = 0
    public var violations: [Violation] = []
    /// The first violation's shortened trace (the lines about its tickets, then the last lines before it was found).
    public var shortenedTrace: [String] = []
    /// The parts of a run split into spans of days (``Simulation/runInParts(_:parts:)``), each with its own seed; empty when not split.
    public var parts: [SimReport] = []

    /// A few lines for people: the figures, then each violation with the seed that replays it.
    public var summary: String {
        func list(_ counts: [String: Int]) -> String { counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") }
        var lines = [
            "kiosk-sim: seed \(seed), \(days.count) days (\(days.first ?? "-") … \(days.last ?? "-")), \(citizens) citizens, \(printed) tickets printed, \(serverTickets) on the server",
            "  visits: \(list(visits))",
            "  faults injected: \(list(Dictionary(uniqueKeysWithValues: faults.map { ($0.key.rawValue, $0.value) })))",
            "  requests changed by a fault: \(list(Dictionary(uniqueKeysWithValues: requestsChanged.map { ($0.key.rawValue, $0.value) }))) of \(requests)",
            "  trace \(traceHash) (\(traceLines) lines), \(violations.count) violations",
        ]
        lines += partLines
        for part in parts.isEmpty ? [self] : parts {
            for violation in part.violations.prefix(20) { lines.append("  VIOLATION (seed \(part.seed)): \(violation)") }
        }
        if let first = (parts.isEmpty ? [self] : parts).first(where: { !$0.shortenedTrace.isEmpty }) {
            lines.append("  shortened trace of the first (seed \(first.seed): --seed in kiosk-sim, KIOSK_SIM_SEED in KioskSimTests):")
        }
        return (lines + shortenedTrace).joined(separator: "\n")
    }
}
