import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskTestSupport
import Synchronization
import Testing

/// Issue 11, Jepsen-style: two real kioskd processes linked to a real queue-server process, each
/// through a fault proxy cycling every kind of network fault; citizens tapping on both; a counter
/// calling every few seconds; `kill -9` of both kiosks and of the server at random moments (each
/// started again on its own state); the server's clock crossing its midnight during the run and one
/// kiosk's clock 3 hours behind it. After healing and a final sync, judged against the paper the printer
/// emulators received: 0 lost, 0 duplicated, 0 unexpected, 0 ghost calls.
///
/// Calls for a ticket its kiosk reported uncertain (killed mid-print) are counted apart, not as ghost
/// calls: the server does not yet hold or mark such a ticket for staff (issue 11, left to do).
///
/// Seeded: the seed is printed, and `JEPSEN_SEED=N` replays its schedule. `JEPSEN_SECONDS` sets how long
/// citizens tap (75 by default, so the whole run stays within 3 minutes on 2 cores); `JEPSEN_KIOSKD` runs
/// another kioskd (a release build).
@Suite("Jepsen-style run", .serialized)
struct JepsenRunTests {
    static let seconds = Int(ProcessInfo.processInfo.environment["JEPSEN_SECONDS"] ?? "") ?? 75
    static let limit = TimeLimitTrait.Duration.minutes(max(4, seconds / 60 + 4))

    @Test(.timeLimit(limit))
    func twoKiosksACounterAndEveryFaultLoseNothing() throws {
        let seed = ProcessInfo.processInfo.environment["JEPSEN_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        print("jepsen: seed \(seed) (JEPSEN_SEED=\(seed) replays it), \(Self.seconds) s of taps")
        let random = SeededGenerator(seed: seed)
        let run = try JepsenCluster(seconds: Self.seconds)
        let started = Date()
        try run.run(random: random)
        let healed = run.healAndSync()
        let verdict = try run.verdict()
        print(run.table(verdict, seconds: Date().timeIntervalSince(started)))
        #expect(healed, "both kiosks' outboxes drained after healing")
        #expect(verdict.lost.isEmpty, "lost (seed \(seed)): \(verdict.lost)")
        #expect(verdict.duplicated.isEmpty, "duplicated (seed \(seed)): \(verdict.duplicated)")
        #expect(verdict.unexpected.isEmpty, "unexpected (seed \(seed)): \(verdict.unexpected)")
        #expect(verdict.ghostCalls.isEmpty, "ghost calls (seed \(seed)): \(verdict.ghostCalls)")
        // Meaningful: citizens found the kiosks on their first screen and tapped (a starved machine taps less, a
        // broken kiosk not at all), and the taps gave paper (each one not cut short by a kill; a notice counts
        // against it). A tap that gives nothing within 20 s is a defect, whatever the machine.
        let taps = run.taps.filter { if case .killed = $0.outcome { false } else { true } }
        #expect(taps.count >= 10, "too few taps to mean anything: \(taps.count)")
        let confirmed = taps.compactMap { $0.ticketLine.flatMap(TicketLine.init) }.filter { $0.printed == "yes" }.count
        #expect(confirmed * 4 >= taps.count * 3 && run.papers.count >= confirmed, "fewer than 3 of 4 taps gave paper: printed=yes \(confirmed) of \(taps.count) taps, papers \(run.papers.count)")
        #expect(run.stalls.isEmpty, "taps that gave nothing within 20 s (seed \(seed)): \(run.stalls)")
    }
}
