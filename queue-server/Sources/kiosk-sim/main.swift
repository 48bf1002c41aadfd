import Foundation
import KioskSim

// kiosk-sim: simulated MPP days of kiosks, counters and the queue server under faults (issue 17).
// kiosk-sim [--year] [--seed N] [--days N] [--first-day YYYY-MM-DD] [--parts N] [--kiosks N] [--citizens N a kiosk a day] [--no-faults]
//           [--catalogue PATH] [--dir PATH]
// --year: issue 17's simulated year, 250 working days of 3 kiosks with 1,000 citizens a kiosk a day, in 2 parts at once (the other
// flags still apply). --parts N: the days in N consecutive spans run at once, each with its own server, kiosks and seed (the first
// part's is --seed; each part's seed and first day are printed).
// Prints the figures, and the seed and a shortened trace of the first violation; exit 1 on a violation.

var options: [String: String] = [:]
var flags: Set<String> = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard argument.hasPrefix("--") else {
        print("kiosk-sim: unexpected \(argument)")
        exit(2)
    }
    if argument == "--no-faults" || argument == "--year" { flags.insert(argument) } else { options[argument] = arguments.popFirst() ?? "" }
}

@MainActor
func number<T: FixedWidthInteger>(_ name: String, _ fallback: T) -> T {
    guard let text = options[name] else { return fallback }
    guard let value = T(text), value > 0 else {
        print("kiosk-sim: \(name) takes a whole number above 0, not \(text)")
        exit(2)
    }
    return value
}

let cataloguePath = options["--catalogue"]
    ?? ["kiosk-config/catalogue-badung-sample.json", "../kiosk-config/catalogue-badung-sample.json"].first {
        FileManager.default.fileExists(atPath: $0)
    } ?? "kiosk-config/catalogue-badung-sample.json"
guard let catalogue = FileManager.default.contents(atPath: cataloguePath) else {
    print("kiosk-sim: cannot read the catalogue \(cataloguePath) (--catalogue PATH)")
    exit(2)
}
let seed: UInt64 = number("--seed", UInt64.random(in: 1...UInt64.max))
let directory = options["--dir"] ?? (FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
let year = flags.contains("--year")
var config = SimConfig(seed: seed, days: number("--days", year ? 250 : 1), catalogue: [UInt8](catalogue), directory: directory)
config.kiosks = number("--kiosks", 3)
config.citizensPerKioskDay = number("--citizens", year ? 1000 : 300)
if let firstDay = options["--first-day"] { config.firstDay = firstDay }
let parts: Int = number("--parts", year ? 2 : 1)
if flags.contains("--no-faults") { config.faults = .none }
print(
    "kiosk-sim: seed \(seed) (--seed \(seed) replays it), \(config.days) days from \(config.firstDay) in \(parts) part(s), \(config.kiosks) kiosks, "
        + "\(config.citizensPerKioskDay) citizens a kiosk a day")
let started = Date()
do {
    let report = try await Simulation.runInParts(config, parts: parts)
    print(report.summary)
    print(String(format: "kiosk-sim: wall time %.1f s", Date().timeIntervalSince(started)))
    exit(report.violations.isEmpty ? 0 : 1)
} catch {
    print("kiosk-sim: \(error)")
    exit(2)
}
