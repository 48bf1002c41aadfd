/// The report of a run split into parts (``Simulation/runInParts(_:parts:)``): the parts' figures added up.
extension SimReport {
    /// The sum of `parts` (in day order), which it keeps for their seeds, days and traces.
    init(parts: [SimReport]) {
        self.init(seed: parts.first?.seed ?? 0)
        self.parts = parts
        for part in parts {
            days += part.days
            citizens += part.citizens
            printed += part.printed
            serverTickets += part.serverTickets
            visits.merge(part.visits, uniquingKeysWith: +)
            faults.merge(part.faults, uniquingKeysWith: +)
            requestsChanged.merge(part.requestsChanged, uniquingKeysWith: +)
            requests += part.requests
            traceLines += part.traceLines
            violations += part.violations
            if shortenedTrace.isEmpty { shortenedTrace = part.shortenedTrace }
        }
        traceHash = parts.map(\.traceHash).joined(separator: "+")
    }

    /// A line for each part: its seed and days, the command that replays it, its trace and violations.
    var partLines: [String] {
        parts.enumerated().map { index, part in
            let first = part.days.first ?? "-"
            return "  part \(index + 1): seed \(part.seed), \(part.days.count) days (\(first) … \(part.days.last ?? "-"); "
                + "--seed \(part.seed) --first-day \(first) --days \(part.days.count) --parts 1 with the run's other flags replays it), trace \(part.traceHash), \(part.violations.count) violations"
        }
    }
}
