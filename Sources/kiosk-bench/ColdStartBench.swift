import BenchSupport
import Foundation
import KioskTestSupport

/// `kiosk-bench --cold [--rounds N] [--kioskd PATH …]`: process spawn (exec counted) to the first frame
/// presented (kioskd's "first frame presented" line read from its pipe: the frame handed to the display, as
/// a page flip is on a DRM screen) and to the first frame on disk (the headless PNG, encoded on the display's
/// own thread, renamed into place), without tickets. Each round starts kioskd twice in a fresh
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
                    let (presented, onDisk) = try spawnToFrame(binary, fixture)
                    figures[binary + " " + start + " presented", default: []].append(presented)
                    figures[binary + " " + start + " on disk", default: []].append(onDisk)
                }
            }
        }
        print("spawn to the first frame presented and on disk, \(rounds) rounds (milliseconds; median, p90, min-max):")
        for binary in binaries {
            for start in ["fresh presented", "fresh on disk", "again presented", "again on disk"] {
                let values = figures[binary + " " + start] ?? []
                print("  \(binary) \(start): median \(Bench.fixed(Bench.quantile(values, 0.5), 1)), p90 "
                    + "\(Bench.fixed(Bench.quantile(values, 0.9), 1)), \(Bench.fixed(values.min() ?? 0, 1))-\(Bench.fixed(values.max() ?? 0, 1))")
            }
        }
    }

    /// Starts `binary` on `fixture`, times spawn to the first frame presented and to the snapshot on disk (in
    /// milliseconds), and stops it once it is ready.
    private static func spawnToFrame(_ binary: String, _ fixture: KioskFixture) throws -> (presented: Double, onDisk: Double) {
        let started = Bench.nanoseconds()
        let kiosk = try KioskProcess(binary, arguments: ["--config", fixture.configPath])
        var presented: UInt64?
        var onDisk: UInt64?
        while presented == nil || onDisk == nil {
            let now = Bench.nanoseconds()
            guard now - started < 30_000_000_000 else { fatalError("no first frame: \(kiosk.lines)") }
            if presented == nil, kiosk.lines.contains(where: { $0.contains("first frame presented") }) { presented = now }
            if onDisk == nil, access(fixture.screenPath, F_OK) == 0 { onDisk = now }
            usleep(200)
        }
        guard let presented, let onDisk, kiosk.waitForLines(containing: "ready:").count == 1, kiosk.stop() == 0 else {
            fatalError("not ready: \(kiosk.lines)")
        }
        return (Double(presented - started) / 1e6, Double(onDisk - started) / 1e6)
    }
}
