import Testing

@testable import KioskCore

/// kioskctl's printer commands through the core, and the lockout kept across a restart.
@Suite struct ControlFlowTests {
    var flow = DiagnosticsFlowTests()

    @Test mutating func aTestPageFromKioskctlOnlyBetweenCitizens() {
        flow.send(.technicianRequest(.printTestPage, from: "kioskctl"))
        #expect(flow.effects.contains(.printTestPage), "the first screen, nobody there")
        flow.send(.press(.chooseAgency(DiagnosticsFlowTests.settings.catalogue.agencies[0].id)))
        flow.send(.technicianRequest(.printTestPage, from: "kioskctl"))
        #expect(!flow.effects.contains(.printTestPage), "a citizen is choosing: no test page in their way")
        #expect(flow.allLogs.last == "kioskctl asked for printTestPage: refused, a citizen is mid-journey")
        flow.send(.technicianRequest(.resetPaper, from: "kioskctl"))
        #expect(flow.effects.contains(.resetPaperCounter), "a new roll is counted at any time")
    }

    @Test mutating func aRestoredLockoutKeepsThePINPadLocked() {
        let until = flow.now.adding(seconds: 250)
        flow.send(.pinLockoutRestored(PINLockout(wrongInARow: 0, level: 1, lockedUntil: until)))
        #expect(flow.state.technician.isLocked(at: flow.now))
        #expect(flow.state.technician.lockout == PINLockout(wrongInARow: 0, level: 1, lockedUntil: until))
        #expect(flow.allLogs.last?.contains("still locked from before the restart") == true)
        flow.send(.touchHeld(x: 10, y: 10, milliseconds: 2500))
        flow.send(.touchHeld(x: 1070, y: 10, milliseconds: 2500))
        for digit: UInt8 in [2, 4, 6, 8] { flow.send(.press(.pinDigit(digit))) }
        flow.send(.press(.pinEnter))
        #expect(!flow.effects.contains { if case .checkPIN = $0 { true } else { false } }, "not even checked")
        #expect(flow.allLogs.last?.contains("refused unchecked: the PIN pad is locked") == true)
        flow.send(.pinLockoutRestored(PINLockout(wrongInARow: -5, level: -1)))
        #expect(flow.state.technician.lockout == PINLockout(), "a negative count from a file is clamped")
    }
}
