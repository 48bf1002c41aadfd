import KioskCore
import Testing

/// What a printer watch reports of what it hears: a stop at once, other changes once they held.
@Suite("Printer condition settling")
struct PrinterConditionSettlingTests {
    private let hold = PrinterConditionSettling.holdSeconds

    @Test("the first condition and every stop are reported at once; a return to ready only once it held")
    func stopsAtOnceReturnsWhenHeld() {
        var settling = PrinterConditionSettling()
        #expect(settling.heard(.ready, at: 0) == .ready)
        #expect(settling.heard(.ready, at: 0.1) == nil)
        #expect(settling.heard(.paperOut, at: 1) == .paperOut)
        #expect(settling.heard(.ready, at: 2) == nil)
        #expect(settling.due == 2 + hold)
        #expect(settling.settled(at: 2 + hold / 2) == nil)
        #expect(settling.settled(at: 2 + hold) == .ready)
        #expect(settling.due == nil && settling.reported == .ready)
    }

    @Test("a sensor flapping 64 times a second for 2 s gives one report, then ready once it stays put")
    func flapping() {
        var settling = PrinterConditionSettling()
        var reported = [settling.heard(.ready, at: 0)].compactMap { $0 }
        for flap in 0..<128 {
            let now = 1 + Double(flap) / 64
            reported += [settling.heard(flap % 2 == 0 ? .paperOut : .ready, at: now), settling.settled(at: now)].compactMap { $0 }
        }
        #expect(reported == [.ready, .paperOut])
        let last = 1 + 127.0 / 64
        #expect(settling.settled(at: last + hold) == .ready)
    }

    @Test("changes between faults, and between ready and near end, wait too; a change that goes back is dropped")
    func otherChangesWait() {
        var settling = PrinterConditionSettling()
        _ = settling.heard(.paperOut, at: 0)
        #expect(settling.heard(.coverOpen, at: 1) == nil)
        #expect(settling.heard(.paperOut, at: 1.2) == nil)
        #expect(settling.due == nil, "back to what was reported: nothing waits")
        #expect(settling.heard(.coverOpen, at: 2) == nil)
        #expect(settling.heard(.coverOpen, at: 2 + hold) == .coverOpen, "held: reported when heard again")
        #expect(settling.heard(.ready, at: 3) == nil)
        #expect(settling.heard(.paperNearEnd, at: 3.1) == nil)
        #expect(settling.due == 3.1 + hold, "a different change starts the hold again")
        #expect(settling.settled(at: 3.1 + hold) == .paperNearEnd)
        #expect(settling.heard(.notAnswering, at: 4) == .notAnswering)
    }
}
