import BenchSupport
import Foundation
import KioskTestSupport

/// `kiosk-bench --cold [--rounds N] [--kioskd PATH …]`: process spawn (exec counted) to the first frame on
/// disk (the headless PNG renamed into place), without tickets. Each round starts kioskd twice in a fresh
/// directory: `fresh` (no ledger, no last good copy yet) and `again` (both there, as after a reboot), and
/// stops it once it is ready. Several `--kioskd` binaries take turns round by round, so a before/after
/// comparison sees the same machine at the same moment.
enum ColdStartBench {
    static func run(rounds: Int, binaries: [String]) throws {
        var figures: [String: [Double]] = [:]
        for _ in 0..<rounds {
            for binary in binaries {
                let printerFile = NSTemporaryDirectory() + "kiosk-bench-cold-\(getpid()).escpos"
                defer { unlink(printerFile) }
                let fixture = try KioskFixture(printer: #"{"kind": "file", "path": "\#(printerFile)", "paper": "80mm"}"#)
                defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
                for start in ["fresh", "again"] {
                    unlink(fixture.screenPath)
                    figures[binary + " " + start, default: []].append(try spawnToFrame(binary, fixture))
                }
            }
        }
        print("spawn to the first frame on disk, \(rounds) rounds (milliseconds; median, p90, min-max):")
        for binary in binaries {
            for start in ["fresh", "again"] {
                let values = figures[binary + " " + start] ?? []
                print("  \(binary) \(start): median \(Bench.fixed(Bench.quantile(values, 0.5), 1)), p90 "
                    + "\(Bench.fixed(Bench.quantile(values, 0.9), 1)), \(Bench.fixed(values.min() ?? 0, 1))-\(Bench.fixed(values.max() ?? 0, 1))")
            }
        }
    }

    /// Starts `binary` on `fixture`, times spawn to the snapshot on disk, and stops it once it is ready.
    private static func spawnToFrame(_ binary: String, _ fixture: KioskFixture) throws -> Double {
        let started = Bench.nanoseconds()
        let kiosk = try KioskProcess(binary, arguments: ["--config", fixture.configPath])
        while access(fixture.screenPath, F_OK) != 0 {
            guard Bench.nanoseconds() - started < 30_000_000_000 else { fatalError("no first frame: \(kiosk.lines)") }
            usleep(200)
        }
        let milliseconds = Double(Bench.nanoseconds() - started) / 1e6
        guard kiosk.waitForLines(containing: "ready:").count == 1, kiosk.stop() == 0 else { fatalError("not ready: \(kiosk.lines)") }
        return milliseconds
    }
}
