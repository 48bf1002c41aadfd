import Foundation
import KioskCore
import KioskDevices
import KioskTestSupport
import Synchronization
import Testing

/// The connection kioskd keeps to a TCP printer between jobs: Automatic Status Back heard while
/// idle, or DLE EOT asked on it where the printer has no ASB, on the honest emulator (one
/// connection at a time, ASB sent the moment paper or cover change).
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

    /// What the watch noted for the log, in order.
    final class Notes: Sendable {
        private let seen = Mutex<[String]>([])
        func add(_ note: String) { seen.withLock { $0.append(note) } }
        var all: [String] { seen.withLock { $0 } }
    }

    /// Paper end, refill, cover open, cover closed at `emulator`: each reported within `seconds` (a
    /// return to ready, which must hold ``PrinterConditionSettling/holdSeconds`` first, within that much more).
    private static func expectIdleChangesReported(by reports: Reports, on emulator: PrinterEmulator, within seconds: Double) throws {
        for (change, expected) in [
            ({ emulator.paperOut = true }, PrinterCondition.paperOut), ({ emulator.paperOut = false }, .ready),
            ({ emulator.coverOpen = true }, .coverOpen), ({ emulator.coverOpen = false }, .ready),
        ] as [(() -> Void, PrinterCondition)] {
            change()
            let took = try #require(reports.secondsUntil(expected), "\(expected) never reported: \(reports.all)")
            #expect(took < seconds + (expected == .ready ? PrinterConditionSettling.holdSeconds : 0), "\(expected) after \(took) s")
        }
    }

    private let ticket = [UInt8](repeating: 0x41, count: 400) + [0x0A, 0x1D, 0x56, 0x42, 0x00]

    /// An emulator, an ASB TCP printer on it, and a started watch of that printer, which has reported its first check.
    private func watching(notes: Notes = Notes()) throws -> (PrinterEmulator, TCPPrinter, TCPStatusWatch, Reports) {
        let emulator = try PrinterEmulator()
        let reports = Reports()
        let printer = TCPPrinter(host: "127.0.0.1", port: emulator.port, usesAutomaticStatus: true)
        let watch = try TCPStatusWatch(printer: printer, note: notes.add, report: reports.add)
        watch.start()
        #expect(reports.secondsUntil(.ready) != nil)
        return (emulator, printer, watch, reports)
    }

    @Test("paper end, refill, cover open and cover closed while idle are each reported within a second, without a job")
    func heardWhileIdle() throws {
        let notes = Notes()
        let (emulator, _, watch, reports) = try watching(notes: notes)
        defer { watch.stop(); emulator.stop() }
        // The connection's check (its `ready` is reported; the block `GS a` sends at once says the same).
        let asked = emulator.statusRequests.count
        #expect(asked == 4)

        try Self.expectIdleChangesReported(by: reports, on: emulator, within: 1)
        // Past the grace for the first ASB block, the watch still listens rather than asks.
        usleep(UInt32((TCPStatusWatch.automaticStatusGrace + 0.5) * 1e6))
        #expect(emulator.statusRequests.count == asked, "heard from the printer, not asked: no DLE EOT since the start")
        #expect(notes.all.isEmpty, "\(notes.all)")
        #expect(emulator.receipts.isEmpty && emulator.lostReceipts == 0)
    }

    @Test("a profile that promises ASB on a printer that ignores GS a: after the grace the watch asks DLE EOT at its rate, and says so once")
    func automaticStatusIgnored() throws {
        let emulator = try PrinterEmulator()
        emulator.supportsAutomaticStatus = false
        defer { emulator.stop() }
        let (reports, notes) = (Reports(), Notes())
        let printer = TCPPrinter(host: "127.0.0.1", port: emulator.port, usesAutomaticStatus: true)
        let watch = try TCPStatusWatch(printer: printer, askEvery: 0.5, note: notes.add, report: reports.add)
        watch.start()
        defer { watch.stop() }
        try #require(reports.secondsUntil(.ready) != nil)

        // Before the fix the watch waited for ASB blocks that never came: no change was ever reported.
        let bound = TCPStatusWatch.automaticStatusGrace + 0.5 + 0.5
        try Self.expectIdleChangesReported(by: reports, on: emulator, within: bound)
        #expect(reports.all == [.ready, .paperOut, .ready, .coverOpen, .ready], "only changes are reported")

        // A job, then a new connection: the grace again, the same fallback, not said again.
        watch.pause()
        #expect(printer.print(ticket, within: 3) == PrintAttempt(.printed, .ready))
        watch.resume()
        emulator.paperOut = true
        #expect(reports.secondsUntil(.paperOut).map { $0 < bound } == true, "\(reports.all)")
        #expect(notes.all.count == 1 && notes.all.first?.contains("ignores it") == true, "\(notes.all)")
    }

    @Test("a paper sensor flapping 64 times a second (an ASB block each time) is reported once, ready only once it stayed put, and a real paper end still at once")
    func flappingPaperSensor() throws {
        let (emulator, _, watch, reports) = try watching()
        defer { watch.stop(); emulator.stop() }
        for flap in 0..<128 {  // two seconds; the last flap leaves the paper in
            emulator.paperOut = flap % 2 == 0
            usleep(1_000_000 / 64)
        }
        // Before the fix every flap was reported (kioskd logged each: 64 lines a second).
        #expect(reports.all.prefix(2) == [.ready, .paperOut], "\(reports.all)")
        let settled = try #require(reports.secondsUntil(.ready, timeout: 5), "\(reports.all)")
        #expect(settled < PrinterConditionSettling.holdSeconds + 0.5)
        #expect(reports.all == [.ready, .paperOut, .ready], "\(reports.all)")

        let start = PrintDeadline.now()
        emulator.paperOut = true
        #expect(reports.secondsUntil(.paperOut).map { $0 < 0.5 } == true, "\(reports.all)")
        #expect(PrintDeadline.now() - start < 0.5, "a stop is not held back")
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

    @Test("a pause right after a resume (a poll right after a job) is acknowledged, though the watch never saw the printer free")
    func pauseRightAfterResume() throws {
        let (emulator, _, watch, _) = try watching()
        defer { emulator.stop() }
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for _ in 0..<300 {
                watch.pause()
                watch.resume()
            }
            done.signal()
        }
        // Before the fix the watch acknowledged a pause only once per stretch of pauses it saw, and pause() waited for ever.
        #expect(done.wait(timeout: .now() + 30) == .success, "pause() never returned")
        watch.stop()
    }

    @Test("without ASB (a model that ignores GS a): idle changes are found by DLE EOT on the watch's one connection, each within the period, only changes reported")
    func askedWithoutAutomaticStatus() throws {
        let emulator = try PrinterEmulator()
        emulator.supportsAutomaticStatus = false
        defer { emulator.stop() }
        let reports = Reports()
        let printer = TCPPrinter(host: "127.0.0.1", port: emulator.port)
        let watch = try TCPStatusWatch(printer: printer, askEvery: 0.5, report: reports.add)
        watch.start()
        defer { watch.stop() }
        try #require(reports.secondsUntil(.ready) != nil)

        try Self.expectIdleChangesReported(by: reports, on: emulator, within: 1.5)  // asked every 0.5 s
        #expect(reports.all == [.ready, .paperOut, .ready, .coverOpen, .ready], "only changes are reported")
        let asked = emulator.statusRequests.count
        #expect(asked >= 5 * 4, "asked again and again: \(asked) DLE EOT")

        // Paused, the connection is closed, so a job has the printer (one connection at a time), then the asking goes on.
        watch.pause()
        #expect(printer.print(ticket, within: 3) == PrintAttempt(.printed, .ready))
        watch.resume()
        emulator.paperOut = true
        #expect(reports.secondsUntil(.paperOut).map { $0 < 1.5 } == true, "\(reports.all)")
        #expect(emulator.receipts.count == 1 && emulator.lostReceipts == 0)
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
