import Foundation
import KioskCore
import KioskDevices
import KioskTestSupport
import Synchronization
import Testing

/// The connection kioskd keeps to a TCP printer between jobs: Automatic Status Back heard while
/// idle, on the honest emulator (one connection at a time, ASB sent the moment paper or cover change).
@Suite("Automatic Status Back between jobs", .timeLimit(.minutes(4)))
struct AutomaticStatusWatchTests {
    /// What the watch reported, in order.
    final class Reports: Sendable {
        private let seen = Mutex<[PrinterCondition]>([])

        func add(_ condition: PrinterCondition) { seen.withLock { $0.append(condition) } }

        var all: [PrinterCondition] { seen.withLock { $0 } }

        /// Seconds until the last report is `condition` (nil: not within `timeout`).
        func secondsUntil(_ condition: PrinterCondition, timeout: Double = 10) -> Double? {
            let start = Date()
            while Date().timeIntervalSince(start) < timeout {
                if all.last == condition { return Date().timeIntervalSince(start) }
                usleep(1_000)
            }
            return nil
        }
    }

    private let ticket = [UInt8](repeating: 0x41, count: 400) + [0x0A, 0x1D, 0x56, 0x42, 0x00]

    /// An emulator, an ASB TCP printer on it, and a started watch of that printer, which has reported its first check.
    private func watching() throws -> (PrinterEmulator, TCPPrinter, AutomaticStatusWatch, Reports) {
        let emulator = try PrinterEmulator()
        let reports = Reports()
        let printer = TCPPrinter(host: "127.0.0.1", port: emulator.port, usesAutomaticStatus: true)
        let watch = try AutomaticStatusWatch(printer: printer, report: reports.add)
        watch.start()
        #expect(reports.secondsUntil(.ready) != nil)
        return (emulator, printer, watch, reports)
    }

    @Test("paper end, refill, cover open and cover closed while idle are each reported within a second, without a job")
    func heardWhileIdle() throws {
        let (emulator, _, watch, reports) = try watching()
        defer { watch.stop(); emulator.stop() }
        // The connection's check, then the block `GS a` sends at once.
        while reports.all.count < 2 { usleep(1_000) }
        let asked = emulator.statusRequests.count

        for (change, expected) in [
            ({ emulator.paperOut = true }, PrinterCondition.paperOut), ({ emulator.paperOut = false }, .ready),
            ({ emulator.coverOpen = true }, .coverOpen), ({ emulator.coverOpen = false }, .ready),
        ] as [(() -> Void, PrinterCondition)] {
            change()
            let seconds = try #require(reports.secondsUntil(expected), "\(expected) never reported: \(reports.all)")
            #expect(seconds < 1, "\(expected) after \(seconds) s")
        }
        #expect(emulator.statusRequests.count == asked, "heard from the printer, not asked: no DLE EOT since the start")
        #expect(emulator.receipts.isEmpty && emulator.lostReceipts == 0)
    }

    @Test("paused, the watch frees the printer for a job (it serves one connection at a time), then listens again")
    func pausesForAJob() throws {
        let (emulator, printer, watch, reports) = try watching()
        defer { watch.stop(); emulator.stop() }

        watch.pause()
        #expect(printer.print(ticket, within: 3) == PrintAttempt(.printed, .ready))
        watch.resume()
        #expect(emulator.receipts.count == 1)

        let before = reports.all.count
        while reports.all.count < before + 1 { usleep(1_000) }  // the new connection's check
        emulator.paperOut = true
        let seconds = try #require(reports.secondsUntil(.paperOut), "\(reports.all)")
        #expect(seconds < 1)
    }

    @Test("not paused, a job waits behind the watch's connection and finds the printer silent: why the worker pauses it")
    func unpausedWatchHoldsThePrinter() throws {
        let (emulator, printer, watch, _) = try watching()
        defer { emulator.stop() }
        let attempt = printer.print(ticket, within: 1)
        #expect(attempt.outcome.word == "failed", "\(attempt)")
        watch.stop()
        #expect(emulator.receipts.isEmpty)
    }
}
