import KioskCore

/// A long run split into consecutive spans of its working days that run at once, one a thread (issue 17's year
/// on both cores). Each part is a run of its own: its own server and SQLite files, kiosks, clock and seed, so the
/// second part's server starts empty on its first day; every day is still healed and judged on its own.
extension Simulation {
    /// Runs `config`'s working days in `parts` consecutive spans at once, each on a thread of its own. The first
    /// part's seed is `config.seed`, the others are drawn from it; the report adds the parts up and names each
    /// one's seed and first day (`--seed S --first-day D --days N` replays a part alone).
    public static func runInParts(_ config: SimConfig, parts: Int) async throws -> SimReport {
        let days = try workingDays(config, settings: settings(config))
        let count = max(1, min(parts, days.count))
        guard count > 1 else { return try await runOnOwnThread(config) }
        var seeds = SplitMix64(seed: config.seed)
        let configs = (0..<count).map { part in
            let span = days[days.count * part / count..<days.count * (part + 1) / count]
            var partConfig = config
            partConfig.firstDay = DayCurve.dayKey(span[span.startIndex])
            partConfig.days = span.count
            partConfig.seed = part == 0 ? config.seed : seeds.next()
            return partConfig
        }
        let reports = try await withThrowingTaskGroup(of: (Int, SimReport).self) { group in
            for (part, partConfig) in configs.enumerated() {
                group.addTask { (part, try await Simulation.runOnOwnThread(partConfig)) }
            }
            var reports: [(Int, SimReport)] = []
            for try await report in group { reports.append(report) }
            return reports.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return SimReport(parts: reports)
    }
}
