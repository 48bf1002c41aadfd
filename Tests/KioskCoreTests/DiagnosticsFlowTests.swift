import Testing

@testable import KioskCore

/// The technician's way in through `KioskFlow.step` with a fake clock: the hidden gesture and the
/// badge (only between citizens), the PIN pad, its lockout, and leaving by itself.
@Suite struct DiagnosticsFlowTests {
    static let settings: FlowSettings = {
        var settings = ScanFlowTests.settings
        settings.diagnostics = DiagnosticsSettings(screenWidth: 1080)
        return settings
    }()

    var state = KioskState()
    var effects: [Effect] = []
    /// The fake clock, in milliseconds since the epoch.
    var clock = ScanFlowTests.now.millisecondsSinceEpoch
    var allLogs: [String] = []

    var now: Timestamp { Timestamp(millisecondsSinceEpoch: clock) }

    mutating func send(_ event: Event) {
        let context = StepContext(now: now, freshTicketID: TicketID(randomBytes: [UInt8](repeating: 1, count: 16)))
        (state, effects) = KioskFlow.step(state, event, context, settings: Self.settings)
        allLogs += effects.compactMap { if case .log(_, let line) = $0 { line } else { nil } }
    }

    mutating func wait(seconds: Int) { clock += Int64(seconds) * 1000 }

    /// Lets `seconds` pass with a touch on Erase at least once a minute, so diagnostics stays open.
    mutating func stay(seconds: Int) {
        var left = seconds
        while left > 0 {
            wait(seconds: min(60, left))
            left -= min(60, left)
            send(.press(.pinErase))
            send(.tick)
        }
    }

    /// Holds the top-left corner, then the top-right one, each for `milliseconds`.
    mutating func hiddenGesture(milliseconds: Int = 2000) {
        wait(seconds: 2)
        send(.touchHeld(x: 40, y: 40, milliseconds: milliseconds))
        wait(seconds: 3)
        send(.touchHeld(x: 1040, y: 50, milliseconds: milliseconds))
    }

    /// Types `pin` and presses Enter; returns the attempt the core asked to check, if any.
    mutating func type(_ pin: String) -> PINAttempt? {
        for character in pin { send(.press(.pinDigit(UInt8(character.wholeNumberValue!)))) }
        send(.press(.pinEnter))
        return effects.compactMap { if case .checkPIN(let attempt) = $0 { attempt } else { nil } }.first
    }

    @Test mutating func theHiddenGestureOpensThePINPadAndTheRightPINEntersDiagnostics() throws {
        hiddenGesture()
        #expect(state.screen == .diagnostics(.pinPad))
        #expect(allLogs.last == "PIN pad opened by the hidden gesture")
        let attempt = try #require(type("2468"))
        #expect(attempt.text == "2468")
        #expect(!"\(attempt)".contains("2468") && !allLogs.joined().contains("2468"))
        send(.pinChecked(attempt: attempt.number, .accepted(technician: "wayan")))
        #expect(state.screen == .diagnostics(.overview))
        #expect(state.technician.technician == "wayan")
        #expect(allLogs.last == "PIN attempt 1 accepted: technician wayan entered diagnostics")
        send(.press(.leaveDiagnostics))
        #expect(state.screen == .home && state.technician.technician == nil)
        #expect(state.technician.counts.entries == 1 && state.technician.counts.exits == 1)
    }

    @Test mutating func shortHoldsOrTheWrongOrderOrTooLateDoNotOpenIt() {
        hiddenGesture(milliseconds: 1999)
        #expect(state.screen == .home)
        wait(seconds: 2)
        send(.touchHeld(x: 1040, y: 50, milliseconds: 2500))
        send(.touchHeld(x: 40, y: 40, milliseconds: 2500))
        #expect(state.screen == .home)
        send(.touchHeld(x: 20, y: 20, milliseconds: 2500))
        wait(seconds: 60)
        send(.touchHeld(x: 1040, y: 50, milliseconds: 2500))
        #expect(state.screen == .home)
        send(.touchHeld(x: 20, y: 20, milliseconds: 2500))
        send(.touchHeld(x: 540, y: 960, milliseconds: 2500))  // A hold elsewhere breaks the sequence.
        send(.touchHeld(x: 1040, y: 50, milliseconds: 2500))
        #expect(state.screen == .home)
    }

    @Test mutating func anEntryAttemptedMidTicketIsIgnored() {
        send(.press(.chooseAgency(AgencyID("disdukcapil"))))
        send(.press(.chooseService(ServiceID("kk"))))
        guard case .ticket(_, .printing) = state.screen else {
            Issue.record("no ticket printing: \(state.screen)")
            return
        }
        hiddenGesture()
        #expect(allLogs.last == "the hidden gesture ignored: a citizen is mid-journey")
        send(.scanned(Array("TECH-AB12".utf8)))
        #expect(allLogs.last == "technician badge TECH-AB12 ignored: a citizen is mid-journey")
        guard case .ticket(_, .printing) = state.screen else {
            Issue.record("the ticket screen was left: \(state.screen)")
            return
        }
    }

    @Test mutating func aBadgeOpensThePINPadBetweenCitizens() {
        send(.scanned(Array("TECH-AB12".utf8)))
        #expect(state.screen == .diagnostics(.pinPad))
        #expect(allLogs.last == "PIN pad opened by technician badge TECH-AB12")
    }

    @Test mutating func fiveWrongPINsLockForFiveMinutesThenTenThenTwenty() throws {
        hiddenGesture()
        var lockouts: [Int64] = []
        for round in 0..<3 {
            for _ in 0..<5 {
                let attempt = try #require(type("1111"))
                send(.pinChecked(attempt: attempt.number, .rejected))
            }
            let until = try #require(state.technician.lockedUntil)
            lockouts.append((until.millisecondsSinceEpoch - clock) / 1000)
            #expect(type("1111") == nil, "locked, round \(round)")
            #expect(allLogs.last?.contains("refused unchecked: the PIN pad is locked") == true)
            stay(seconds: Int(lockouts.last!) - 1)
            #expect(type("1111") == nil)
            stay(seconds: 1)
        }
        #expect(lockouts == [300, 600, 1200])
        let attempt = try #require(type("2468"))
        send(.pinChecked(attempt: attempt.number, .accepted(technician: "wayan")))
        #expect(state.screen == .diagnostics(.overview) && state.technician.lockouts == 0)
    }

    @Test mutating func aThousandWrongPINsFromAScriptAdmitNoneAndCountAtMostFiveBeforeEachLockout() {
        hiddenGesture()
        var checkedSinceLockout = 0, mostBeforeALockout = 0, lockouts = 0, admitted = 0, attemptLines = 0
        for index in 0..<1000 {
            let pin = String(1000 + index * 7 % 9000)
            if case .diagnostics(.pinPad) = state.screen {} else { hiddenGesture() }  // left by itself: open again
            let logsBefore = allLogs.count
            if let attempt = type(pin) {
                checkedSinceLockout += 1
                send(.pinChecked(attempt: attempt.number, .rejected))
                if state.technician.lockedUntil != nil, state.technician.wrongInARow == 0 {
                    mostBeforeALockout = max(mostBeforeALockout, checkedSinceLockout)
                    checkedSinceLockout = 0
                    lockouts += 1
                }
            }
            if case .diagnostics(.overview) = state.screen { admitted += 1 }
            attemptLines += allLogs[logsBefore...].contains { $0.hasPrefix("PIN attempt") } ? 1 : 0
            wait(seconds: 7)  // a fast script
            send(.tick)
        }
        #expect(admitted == 0)
        #expect(mostBeforeALockout <= 5 && mostBeforeALockout > 0)
        #expect(lockouts >= 1)
        #expect(attemptLines == 1000, "every attempt is logged")
        #expect(state.technician.counts.attempts == 1000)
        #expect(state.technician.counts.rejected == lockouts * 5 + checkedSinceLockout)
    }

    @Test mutating func diagnosticsLeavesByItselfAfterTwoMinutesWithoutATouch() throws {
        hiddenGesture()
        let attempt = try #require(type("2468"))
        send(.pinChecked(attempt: attempt.number, .accepted(technician: "wayan")))
        wait(seconds: 119)
        send(.tick)
        #expect(state.screen == .diagnostics(.overview))
        send(.press(.chooseLanguage(.english)))
        wait(seconds: 119)
        send(.tick)
        #expect(state.screen == .diagnostics(.overview))
        wait(seconds: 1)
        send(.tick)
        #expect(state.screen == .home)
        #expect(allLogs.last == "technician wayan left diagnostics: 120 s without a touch")
    }

    @Test mutating func devicesFactsAreKeptOnlyWhileATechnicianIsInAndForgottenOnExit() throws {
        let facts = DiagnosticsFacts(
            version: "0.1.0", startedAt: now, addresses: [], touch: DeviceFact(level: .ok, detail: "fifo"), scanner: nil,
            display: DeviceFact(level: .ok, detail: "headless"), server: nil)
        send(.diagnosticsFacts(facts))
        #expect(state.technician.facts == nil)
        hiddenGesture()
        send(.diagnosticsFacts(facts))
        #expect(state.technician.facts == nil, "not on the PIN pad")
        let attempt = try #require(type("2468"))
        send(.pinChecked(attempt: attempt.number, .accepted(technician: "wayan")))
        send(.diagnosticsFacts(facts))
        #expect(state.technician.facts == facts && effects.first == .show(.diagnostics(.overview)))
        send(.press(.leaveDiagnostics))
        #expect(state.technician.facts == nil)
        #expect(DiagnosticsFacts.level(of: .paperOut) == .fault && DiagnosticsFacts.level(of: .paperNearEnd) == .warning)
    }

    @Test mutating func aScanInDiagnosticsIsShownEscapedAndNeverActedOn() throws {
        hiddenGesture()
        let attempt = try #require(type("2468"))
        send(.pinChecked(attempt: attempt.number, .accepted(technician: "wayan")))
        send(.press(.openDiagnostics(.scanner)))
        let booking = Array(ScanFlowTests.code.description.utf8)
        send(.scanned(booking))
        #expect(state.screen == .diagnostics(.scanner))
        #expect(!effects.contains { if case .lookUpBooking = $0 { true } else { false } })
        #expect(state.technician.lastScan?.kind == "booking" && state.technician.lastScan?.length == booking.count)
        send(.scanned([0x41, 0x1B, 0x5B, 0x32, 0x4A]))
        #expect(state.technician.lastScan?.escaped == "A\\x1b[2J" && state.technician.lastScan?.kind.hasPrefix("refused") == true)
        #expect(effects.first == .show(.diagnostics(.scanner)))
    }

    @Test mutating func anUnreadableTechniciansFileIsSaidAndNotCountedAsAWrongPIN() throws {
        hiddenGesture()
        let attempt = try #require(type("2468"))
        send(.pinChecked(attempt: attempt.number, .unavailable(reason: "mode 644")))
        #expect(state.technician.message == .pinUnavailable && state.technician.wrongInARow == 0)
        #expect(state.screen == .diagnostics(.pinPad))
    }

    @Test func lockoutsDoubleAndStopAtADay() {
        let settings = DiagnosticsSettings(screenWidth: 1080)
        #expect((1...5).map(settings.lockoutLength) == [300, 600, 1200, 2400, 4800])
        #expect(settings.lockoutLength(9) == 76_800 && settings.lockoutLength(10) == 86_400)
        #expect(settings.lockoutLength(Int.max) == 86_400)
    }
}

@Suite("Diagnostics configuration")
struct DiagnosticsConfigTests {
    typealias F = ConfigFixtures

    @Test func theHiddenGestureIsConfigurableAndDefaultsWithoutIt() throws {
        let plain = try ConfigParser.kioskConfig(text: F.text(F.kioskLines), path: F.kioskPath)
        #expect(plain.diagnostics == nil)
        let line = #"  "stateDirectory": "../state", "diagnostics": {"cornerPixels": 200, "holdSeconds": 3, "secondCornerWithinSeconds": 5},"#
        let config = try ConfigParser.kioskConfig(text: F.text(F.kioskLines, replacing: 5, with: line), path: F.kioskPath)
        #expect(
            config.diagnostics
                == DiagnosticsSettings(screenWidth: 1080, cornerPixels: 200, holdMilliseconds: 3000, secondCornerWithinSeconds: 5))
    }

    @Test(arguments: [
        (#""diagnostics": {"holdSeconds": 0}"#, "$.diagnostics.holdSeconds"),
        (#""diagnostics": {"cornerPixels": 900}"#, "$.diagnostics.cornerPixels"),
        (#""diagnostics": {"pin": "1234"}"#, "$.diagnostics"),
    ])
    func badGestureSettingsAreRejected(setting: String, path: String) throws {
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 5, with: #"  "stateDirectory": "../state", "# + setting + ","))
        #expect(error.jsonPath.hasPrefix(path), "\(error)")
    }
}
