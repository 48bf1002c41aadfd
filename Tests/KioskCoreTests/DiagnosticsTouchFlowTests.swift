import Testing

@testable import KioskCore

/// The Touch screens, the cut test, the Network and Log screens and kioskctl's requests, through
/// `KioskFlow.step`: a technician already in diagnostics taps as the runtime reports it.
@Suite struct DiagnosticsTouchFlowTests {
    var flow = DiagnosticsFlowTests()

    init() throws {
        flow.hiddenGesture()
        let typed = flow.type("2468")
        let attempt = try #require(typed)
        flow.send(.pinChecked(attempt: attempt.number, .accepted(technician: "wayan")))
    }

    var diagnostics: DiagnosticsSettings { DiagnosticsFlowTests.settings.diagnostics }

    /// A tap read at (`x`, `y`) that lands on a Touch screen's surface.
    mutating func tapSurface(_ x: Int, _ y: Int) {
        flow.send(.touchPoint(x: x, y: y, .tap))
        flow.send(.press(.touchSurface))
    }

    /// Where a panel whose true calibration is `truth` (over the identity in use) is read for a finger on `spot`.
    func read(_ spot: TouchSpot, truth: CalibrationMatrix) throws -> TouchSpot {
        let inverse = try #require(truth.inverse)
        let width = Double(diagnostics.screenWidth - 1), height = Double(diagnostics.screenHeight - 1)
        let point = inverse.apply(Double(spot.x) / width, Double(spot.y) / height)
        return TouchSpot(x: Int((point.x * width).rounded()), y: Int((point.y * height).rounded()))
    }

    @Test mutating func fiveTapsOfADistortedPanelFitItsCorrectionAndSaveOnlyWhenAccepted() throws {
        let truth = CalibrationMatrix([0.96, 0.02, 0.035, -0.015, 1.03, -0.02])
        flow.send(.press(.openDiagnostics(.touch)))
        flow.send(.press(.openDiagnostics(.calibration)))
        #expect(flow.state.screen == .diagnostics(.calibration))
        for target in TouchCheck.calibrationTargets(diagnostics) {
            #expect(flow.state.technician.touch.calibration.outcome == nil)
            let spot = try read(target, truth: truth)
            tapSurface(spot.x, spot.y)
        }
        guard case .fitted(let correction, let residual) = flow.state.technician.touch.calibration.outcome else {
            Issue.record("no fit: \(String(describing: flow.state.technician.touch.calibration.outcome))")
            return
        }
        for (found, expected) in zip(correction.values, truth.values) { #expect(abs(found - expected) < 0.002) }
        #expect(residual < 1)
        #expect(!flow.effects.contains { if case .technician = $0 { true } else { false } })
        flow.send(.press(.acceptCalibration))
        #expect(flow.effects.contains(.technician(.saveCalibration(correction: correction))))
        flow.send(.calibrationChanged(.saved(correction)))
        #expect(flow.state.screen == .diagnostics(.touch))
        #expect(flow.state.technician.touch.note?.text == .calibrationSaved)
        flow.send(.press(.undoCalibration))
        #expect(flow.effects.contains(.technician(.undoCalibration)))
        flow.send(.calibrationChanged(.undone(nil)))
        #expect(flow.allLogs.last == "calibration undone: the configured one in use")
    }

    @Test mutating func collinearTapsOrOneFarOffAreRefusedWithAReasonAndNothingIsSaved() {
        flow.send(.press(.openDiagnostics(.calibration)))
        for index in 0..<5 { tapSurface(100 + index * 200, 900) }
        #expect(flow.state.technician.touch.calibration.outcome == .refused(DiagnosticsNote(.calibrationDegenerate, isProblem: true)))
        flow.send(.press(.acceptCalibration))
        #expect(!flow.effects.contains { if case .technician = $0 { true } else { false } })

        flow.send(.press(.openDiagnostics(.calibration)))  // Again
        #expect(flow.state.technician.touch.calibration.taps.isEmpty)
        var targets = TouchCheck.calibrationTargets(diagnostics)
        targets[4].x += 150  // the centre touched 150 px off
        for target in targets { tapSurface(target.x, target.y) }
        guard case .refused(let note) = flow.state.technician.touch.calibration.outcome else {
            Issue.record("a tap 150 px off was not refused: \(String(describing: flow.state.technician.touch.calibration.outcome))")
            return
        }
        #expect(note.text == .calibrationSloppy && note.isProblem)
        #expect(note(.english).hasPrefix("Refused: the touches miss by"))
        flow.send(.press(.acceptCalibration))
        #expect(!flow.effects.contains { if case .technician = $0 { true } else { false } })
    }

    @Test mutating func dragsDrawTheTrailAndGridTapsAreHitsOrMisses() {
        flow.send(.press(.openDiagnostics(.touch)))
        flow.send(.touchPoint(x: 300, y: 900, .dragBegan))
        flow.send(.touchPoint(x: 310, y: 905, .dragMoved))
        flow.send(.touchPoint(x: 320, y: 910, .dragEnded))
        tapSurface(500, 1000)
        #expect(flow.state.technician.touch.strokes == [
            [TouchSpot(x: 300, y: 900), TouchSpot(x: 310, y: 905), TouchSpot(x: 320, y: 910)], [TouchSpot(x: 500, y: 1000)],
        ])
        flow.send(.press(.openDiagnostics(.touchTargets)))
        let targets = TouchCheck.gridTargets(diagnostics)
        tapSurface(targets[0].x + 30, targets[0].y - 30)
        tapSurface(targets[4].x + 60, targets[4].y)
        #expect(flow.state.technician.touch.gridHits == [0])
        #expect(flow.state.technician.touch.gridMisses == [TouchSpot(x: targets[4].x + 60, y: targets[4].y)])
        flow.send(.press(.clearTouchTest))
        #expect(flow.state.technician.touch.gridHits.isEmpty && flow.state.technician.touch.strokes.isEmpty)
        // A tap on a button (its press is not the surface) leaves no mark.
        flow.send(.touchPoint(x: 100, y: 1800, .tap))
        flow.send(.press(.openDiagnostics(.touch)))
        #expect(flow.state.technician.touch.strokes.isEmpty)
    }

    @Test mutating func theTrailKeepsTheNewestPointsOnly() {
        flow.send(.press(.openDiagnostics(.touch)))
        for index in 0..<(TouchCheck.trailLimit + 50) {
            flow.send(.touchPoint(x: index % 1000, y: 900, index % 100 == 0 ? .dragBegan : .dragMoved))
        }
        let points = flow.state.technician.touch.strokes.flatMap { $0 }
        #expect(points.count == TouchCheck.trailLimit && points.last == TouchSpot(x: (TouchCheck.trailLimit + 49) % 1000, y: 900))
    }

    @Test mutating func aBadgeNamesItsTechnicianInTheLineOfWhoEntered() throws {
        flow.send(.press(.leaveDiagnostics))
        flow.send(.scanned(Array("TECH-WAYAN01".utf8)))
        #expect(flow.effects.contains(.technician(.lookUpBadge("TECH-WAYAN01"))))
        flow.send(.badgeOwner("TECH-WAYAN01", technician: "wayan"))
        #expect(flow.allLogs.last == "technician badge TECH-WAYAN01 is wayan's")
        var typed = flow.type("2468")
        var attempt = try #require(typed)
        flow.send(.pinChecked(attempt: attempt.number, .accepted(technician: "wayan")))
        #expect(flow.allLogs.last == "PIN attempt \(attempt.number) accepted: technician wayan entered diagnostics with their badge TECH-WAYAN01")
        // Someone else's PIN after wayan's badge is let in, and the log says whose the badge was.
        flow.send(.press(.leaveDiagnostics))
        flow.send(.scanned(Array("TECH-WAYAN01".utf8)))
        flow.send(.badgeOwner("TECH-WAYAN01", technician: "wayan"))
        typed = flow.type("1357")
        attempt = try #require(typed)
        flow.send(.pinChecked(attempt: attempt.number, .accepted(technician: "made")))
        #expect(flow.effects.contains(.log(.warning, "PIN attempt \(attempt.number) accepted: technician made entered diagnostics with badge TECH-WAYAN01, which is wayan's")))
    }

    @Test mutating func theCutTestLogTheRestartAndKioskctlRequests() {
        flow.send(.press(.openDiagnostics(.printer)))
        flow.send(.press(.cutTest))
        #expect(flow.effects.contains(.technician(.cutTest)) && flow.allLogs.last == "technician wayan asked for a cut test")
        flow.send(.press(.openDiagnostics(.network)))
        flow.send(.press(.syncNow))
        #expect(flow.effects.isEmpty, "a standalone kiosk has no link to sync")

        var facts = DiagnosticsFacts(
            version: "t", startedAt: flow.now, addresses: [], touch: DeviceFact(level: .ok, detail: ""), scanner: nil,
            display: DeviceFact(level: .ok, detail: ""), server: nil)
        facts.logLines = (0..<25).map { "line \($0)" }
        flow.send(.diagnosticsFacts(facts))
        flow.send(.press(.openDiagnostics(.log)))
        flow.send(.press(.scrollLog(older: true)))
        flow.send(.press(.scrollLog(older: true)))
        flow.send(.press(.scrollLog(older: true)))
        #expect(flow.state.technician.logOffset == 24)
        flow.send(.press(.scrollLog(older: false)))
        #expect(flow.state.technician.logOffset == 14)
        flow.send(.press(.restartKioskd))
        #expect(flow.state.technician.confirmingRestart && !flow.effects.contains(.technician(.restartKioskd)))
        flow.send(.press(.confirmRestart(false)))
        #expect(!flow.state.technician.confirmingRestart)
        flow.send(.press(.restartKioskd))
        flow.send(.press(.confirmRestart(true)))
        #expect(flow.effects.contains(.technician(.restartKioskd)) && flow.state.screen == .home)
        #expect(flow.allLogs.contains("technician wayan left diagnostics: Restart kioskd was touched"))

        // kioskctl between citizens: acted on; mid-ticket: refused.
        flow.send(.technicianRequest(.calibrate, from: "kioskctl (uid 0)"))
        #expect(flow.state.screen == .diagnostics(.calibration) && flow.state.technician.technician == "kioskctl (uid 0)")
        flow.send(.press(.leaveDiagnostics))
        flow.send(.press(.chooseAgency(AgencyID("disdukcapil"))))
        flow.send(.technicianRequest(.printTestPage, from: "kioskctl (uid 0)"))
        #expect(!flow.effects.contains(.printTestPage))
        #expect(flow.allLogs.last == "kioskctl (uid 0) asked for printTestPage: refused, a citizen is mid-journey")
    }
}
