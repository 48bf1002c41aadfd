import KioskCore
import Testing

@testable import KioskUI

/// Issue 16: the 5 calibration targets are wholly tappable while the technician taps them, and stay in the
/// open once fitted or refused (no button, title or bar over any of them), in portrait and landscape.
@Suite struct CalibrationLayoutTests {
    /// The square a target's tapping ring covers (radius 44 design pixels).
    private func ring(_ spot: TouchSpot, _ size: ScreenSize) -> Rect {
        let radius = ScreenGeometry(size).px(44)
        return Rect(x: spot.x - radius, y: spot.y - radius, width: 2 * radius, height: 2 * radius)
    }

    private func layout(_ run: CalibrationRun, _ size: ScreenSize) throws -> ScreenLayout {
        var state = Fixtures.state(.diagnostics(.calibration))
        state.technician.touch.calibration = run
        return try Fixtures.renderer(size).layout(state, settings: Fixtures.settings(size), now: Fixtures.now)
    }

    @Test(arguments: Fixtures.sizes)
    func eachTargetIsWhollyOnTheTouchSurfaceWhenItIsTapped(_ size: ScreenSize) throws {
        let targets = TouchCheck.calibrationTargets(Fixtures.settings(size).diagnostics)
        let header = ScreenGeometry(size).header
        for step in targets.indices {
            var run = CalibrationRun()
            run.taps = Array(targets.prefix(step))
            let layout = try layout(run, size)
            let ring = ring(targets[step], size)
            #expect(ring.intersection(header).isEmpty, "target \(step + 1) at \(size) is under the bar: \(ring)")
            let surfaces = layout.buttons.filter { $0.action == .touchSurface }
            #expect(surfaces.count == 1 && surfaces[0].frame.intersection(ring) == ring, "target \(step + 1) at \(size) is off the surface")
            for button in layout.buttons where button.action != .touchSurface {
                #expect(button.frame.intersection(ring).isEmpty, "target \(step + 1) at \(size) is under \(button.action)")
            }
            #expect(layout.action(atX: targets[step].x, y: targets[step].y) == .touchSurface)
        }
    }

    @Test(arguments: Fixtures.sizes)
    func theFittedRefusedAndSavingScreensLeaveEveryTargetInTheOpen(_ size: ScreenSize) throws {
        let targets = TouchCheck.calibrationTargets(Fixtures.settings(size).diagnostics)
        let header = ScreenGeometry(size).header
        let again = Action.openDiagnostics(.calibration), cancel = Action.openDiagnostics(.touch)
        let outcomes: [(CalibrationFit, [Action])] = [
            (.fitted(correction: CalibrationMatrix([1, 0, 0, 0, 1, 0]), residualPixels: 1.4), [.acceptCalibration, again, cancel]),
            (.refused(DiagnosticsNote(.calibrationSloppy, ["px": "58.1", "limit": "12.0"], isProblem: true)), [again, cancel]),
            (.saving(residualPixels: 1.4), []),
        ]
        for (outcome, actions) in outcomes {
            var run = CalibrationRun()
            run.taps = targets
            run.outcome = outcome
            let layout = try layout(run, size)
            let shown = layout.buttons.map(\.action)
            #expect(actions.allSatisfy(shown.contains) && !shown.contains(.leaveDiagnostics), "\(outcome): \(shown)")
            for (index, target) in targets.enumerated() {
                let ring = ring(target, size)
                #expect(ring.intersection(header).isEmpty, "target \(index + 1) under the bar at \(size)")
                for button in layout.buttons {
                    #expect(button.frame.intersection(ring).isEmpty, "target \(index + 1) at \(size) is under \(button.action) (\(outcome))")
                }
            }
        }
    }
}
