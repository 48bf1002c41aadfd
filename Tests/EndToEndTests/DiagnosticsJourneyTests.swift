import Foundation
import KioskCore
import KioskDevices
import KioskLink
import KioskTestSupport
import KioskUI
import Testing

/// A technician taps through every diagnostics screen of a running kioskd, through its touchscreen
/// FIFO: the Printer's cut test, Scanner, Network (standalone), the Touch screens, a 5-point
/// calibration of a distorted panel (saved, then the next taps land on their buttons, then undone),
/// and the Log screen's Restart kioskd.
@Suite struct DiagnosticsJourneyTests {
    /// How the simulated panel is off: the calibration that reads it right.
    static let truth = CalibrationMatrix([1.05, 0.03, -0.04, -0.02, 1.04, -0.08])

    @Test(.timeLimit(.minutes(4)))
    func aTechnicianTapsThroughEveryScreenAndCalibratesADistortedPanel() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let added = try Technicians.add("wayan", input: "2468\n2468\n", config: fixture.configPath)
        try #require(added.status == 0, "\(added.output)")
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "ready:").count == 1)
        let touch = try KioskTouchDriver(fixture)
        try Technicians.openPINPad(touch, kiosk)
        try Technicians.type([2, 4, 6, 8], touch)
        try #require(kiosk.waitForLines(containing: "technician wayan entered diagnostics").count == 1)

        // Printer: the cut test is marked TEST and is no ticket.
        try open(.printer, from: .overview, touch, kiosk)
        try touch.press(.cutTest, on: .diagnostics(.printer))
        try #require(kiosk.waitForLines(containing: "cut test: printed").count == 1)
        let strips = printer.waitForReceipts(count: 1, timeout: 20)
        #expect(strips.first?.text.contains("TEST") == true && strips.first?.text.contains("cut test") == true)
        let today = LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
        #expect(try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite").tickets(day: today).isEmpty)
        try open(.overview, from: .printer, touch, kiosk, count: 1)
        try open(.scanner, from: .overview, touch, kiosk)
        try open(.overview, from: .scanner, touch, kiosk, count: 2)
        try open(.network, from: .overview, touch, kiosk)
        try open(.overview, from: .network, touch, kiosk, count: 3)

        // Touch: a stroke on the drawing test, the target grid, then the calibration.
        try open(.touch, from: .overview, touch, kiosk)
        try touch.drag(through: (0..<12).map { (x: 200 + $0 * 40, y: 900 + $0 * 10) })
        try open(.touchTargets, from: .touch, touch, kiosk)
        try open(.touch, from: .touchTargets, touch, kiosk, count: 2)
        try open(.calibration, from: .touch, touch, kiosk)
        touch.panel = Self.truth
        for target in TouchCheck.calibrationTargets(DiagnosticsSettings(screenWidth: 1080, screenHeight: 1920)) {
            try touch.tap(x: target.x, y: target.y)
        }
        try #require(kiosk.waitForLines(containing: "calibration fitted from taps").count == 1)
        // The old calibration still reads the panel wrong: the technician aims where Save answers.
        var fitted = KioskState()
        fitted.screen = .diagnostics(.calibration)
        fitted.technician.touch.calibration.outcome = .fitted(correction: .identity, residualPixels: 0)
        touch.panel = .identity
        try press(.acceptCalibration, in: fitted, touch)
        let saved = try #require(kiosk.waitForLines(containing: "calibration saved and in use: ").first)
        let numbers = saved.split(separator: ":").last!.split(separator: " ").compactMap { Double($0) }
        try #require(numbers.count == 6, "\(saved)")
        for (found, expected) in zip(numbers, Self.truth.values) { #expect(abs(found - expected) < 0.01, "\(saved)") }
        let file = try String(contentsOfFile: fixture.stateDirectory + "/touch-calibration", encoding: .utf8)
        #expect(file.split(whereSeparator: \.isWhitespace).compactMap { Double($0) } == numbers)
        #expect(try String(contentsOfFile: fixture.stateDirectory + "/touch-calibration.previous", encoding: .utf8) == "configured\n")

        // The next taps, through the distorted panel, land on their buttons; uncalibrated, this one missed.
        touch.panel = Self.truth
        var touchScreen = KioskState()
        touchScreen.screen = .diagnostics(.touch)
        let overviewButton = try touch.button(.openDiagnostics(.overview), in: touchScreen)
        for third in [1, 2] {  // where `press` taps
            let device = touch.device(x: overviewButton.x + overviewButton.width * third / 3, y: overviewButton.y + overviewButton.height / 2)
            let uncalibrated = TouchTransform(
                xRange: AxisRange(minimum: 0, maximum: 32767), yRange: AxisRange(minimum: 0, maximum: 32767), screen: fixture.screen
            ).toScreen(x: device.x, y: device.y)
            #expect(!overviewButton.contains(x: uncalibrated.x, y: uncalibrated.y), "the distortion is too small to matter")
        }
        try open(.overview, from: .touch, touch, kiosk, count: 4)
        try open(.touch, from: .overview, touch, kiosk, count: 3)
        touchScreen.technician.facts = Self.facts
        touchScreen.technician.facts?.canUndoCalibration = true
        // Undo is enabled once kioskd's facts say a saved calibration exists: on a starved machine that may be after
        // the tap, so the tap is repeated (a second one after the undo finds Undo greyed and does nothing).
        for _ in 0..<5 where kiosk.waitForLines(containing: "calibration undone", timeout: 0).isEmpty {
            try press(.undoCalibration, in: touchScreen, touch)
            _ = kiosk.waitForLines(containing: "calibration undone", timeout: 4)
        }
        try #require(kiosk.waitForLines(containing: "calibration undone: the configured one in use").count == 1)
        #expect(!FileManager.default.fileExists(atPath: fixture.stateDirectory + "/touch-calibration"))
        touch.panel = .identity

        // Log: the last lines, older ones, then Restart kioskd (confirmed) restarts it in place.
        try open(.overview, from: .touch, touch, kiosk, count: 5)
        try open(.log, from: .overview, touch, kiosk)
        var log = KioskState()
        log.screen = .diagnostics(.log)
        log.technician.facts = Self.facts
        log.technician.facts?.logLines = kiosk.lines  // more than one: Older is enabled
        try press(.scrollLog(older: true), in: log, touch)
        try press(.restartKioskd, in: log, touch)
        var confirming = KioskState()
        confirming.screen = .diagnostics(.log)
        confirming.technician.confirmingRestart = true
        try press(.confirmRestart(true), in: confirming, touch)
        try #require(kiosk.waitForLines(containing: "technician wayan restarts kioskd").count == 1)
        try #require(kiosk.waitForLines(containing: "technician wayan left diagnostics: Restart kioskd was touched").count == 1)
        try #require(kiosk.waitForLines(containing: "ready:", count: 2, timeout: 60).count == 2)
        #expect(!kiosk.lines.contains { $0.contains("2468") })
    }

    /// Facts of no device in particular, for laying out screens whose buttons depend on them.
    static let facts = DiagnosticsFacts(
        version: "", startedAt: Timestamp(secondsSinceEpoch: 0), addresses: [], touch: DeviceFact(level: .ok, detail: ""),
        scanner: nil, display: DeviceFact(level: .ok, detail: ""), server: nil)

    /// Taps the button that opens `target` on diagnostics screen `screen` and waits for the `count`th line saying so.
    private func open(
        _ target: DiagnosticsScreen, from screen: DiagnosticsScreen, _ touch: KioskTouchDriver, _ kiosk: KioskProcess,
        count: Int = 1
    ) throws {
        var state = KioskState()
        state.screen = .diagnostics(screen)
        try press(.openDiagnostics(target), in: state, touch)
        try #require(kiosk.waitForLines(containing: "technician wayan opened the \(target) screen", count: count).count == count)
    }

    /// Taps the button for `action`, a third of the way into it from the left or the right in turn: two
    /// screens' buttons in the same place, tapped one after the other at the same spot, would be taken for a bounce.
    private func press(_ action: Action, in state: KioskState, _ touch: KioskTouchDriver) throws {
        let frame = try touch.button(action, in: state)
        Self.side.toggle()
        try touch.tap(x: frame.x + frame.width * (Self.side ? 1 : 2) / 3, y: frame.y + frame.height / 2)
    }

    nonisolated(unsafe) private static var side = false
}
