import KioskCore

@testable import KioskUI

extension Fixtures {
    /// The technician's screens, portrait and landscape, in both languages, named like their golden images.
    static let diagnosticsCases: [ScreenCase] = sizes.flatMap(diagnosticsCases)

    /// The technician's screens at `size`; touch points and targets are placed for that size.
    private static func diagnosticsCases(_ size: ScreenSize) -> [ScreenCase] {
        let settings = DiagnosticsSettings(screenWidth: size.width, screenHeight: size.height)
        var typing = state(.diagnostics(.pinPad))
        typing.technician.digits = [2, 4, 6]
        var wrong = state(.diagnostics(.pinPad), .english)
        wrong.technician.wrongInARow = 2
        wrong.technician.message = .pinWrong
        var locked = state(.diagnostics(.pinPad))
        locked.technician.lockedUntil = now.adding(seconds: 300)
        locked.technician.message = .pinLocked
        var overview = state(.diagnostics(.overview))
        overview.technician.technician = "wayan"
        overview.printer = .paperNearEnd
        overview.technician.facts = DiagnosticsFacts(
            version: "0.1.0", startedAt: now.adding(seconds: -3 * 3600), addresses: ["eth0 10.20.30.41", "eth0 fe80::1"],
            touch: DeviceFact(level: .ok, detail: "evdev /dev/input/event3: eGalax Touch, multitouch, 10 slots"),
            scanner: DeviceFact(level: .fault, detail: "/dev/ttyACM0 lost: No such device; retrying"),
            display: DeviceFact(level: .ok, detail: "drm /dev/dri/card0 HDMI-A-1 1080x1920@60"),
            server: DeviceFact(level: .fault, detail: "unreachable: connect to queue.mpp-badung.lan:443 timed out"))
        var overviewEnglish = overview
        overviewEnglish.language = .english
        var printer = overview
        printer.screen = .diagnostics(.printer)
        printer.printer = .paperOut
        printer.technician.facts?.paperLeftMillimetres = 0
        var printerEnglish = overview
        printerEnglish.screen = .diagnostics(.printer)
        printerEnglish.language = .english
        printerEnglish.technician.facts?.paperLeftMillimetres = 4_230
        var scanner = overview
        scanner.screen = .diagnostics(.scanner)
        scanner.technician.lastScan = ScanRecord(
            escaped: ScanClassifier.escapedForLog(Array("BK-7QH2\u{1b}[2J".utf8)), length: 11, kind: "refused (control character at byte 7)",
            at: now.adding(seconds: -4))
        var scannerEnglish = overview
        scannerEnglish.screen = .diagnostics(.scanner)
        scannerEnglish.language = .english
        var touch = overview
        touch.screen = .diagnostics(.touch)
        touch.technician.facts?.canUndoCalibration = true
        touch.technician.touch.note = DiagnosticsNote(.calibrationSaved, ["px": "1.4"])
        for stroke in 0..<3 {
            var points: [TouchSpot] = []
            let top = size.height * 760 / 1920 + stroke * 160
            for step in 0..<60 { points.append(TouchSpot(x: 160 + step * 12, y: top + (step % 10) * (step / 10 % 2 == 0 ? 6 : -6))) }
            touch.technician.touch.strokes.append(points)
        }
        var touchEnglish = overview
        touchEnglish.screen = .diagnostics(.touch)
        touchEnglish.language = .english
        var targets = overview
        targets.screen = .diagnostics(.touchTargets)
        let grid = TouchCheck.gridTargets(settings)
        targets.technician.touch.gridHits = [0, 1, 4]
        targets.technician.touch.gridMisses = [TouchSpot(x: grid[2].x - 90, y: grid[2].y + 70), TouchSpot(x: grid[6].x + 40, y: grid[6].y - 120)]
        var targetsEnglish = targets
        targetsEnglish.language = .english
        var calibrating = overview
        calibrating.screen = .diagnostics(.calibration)
        let five = TouchCheck.calibrationTargets(settings)
        calibrating.technician.touch.calibration.taps = [TouchSpot(x: five[0].x + 8, y: five[0].y + 12)]
        var calibratingEnglish = overview
        calibratingEnglish.screen = .diagnostics(.calibration)
        calibratingEnglish.language = .english
        var fitted = overview
        fitted.screen = .diagnostics(.calibration)
        fitted.technician.touch.calibration.taps = five.map { TouchSpot(x: $0.x + 21, y: $0.y - 17) }
        fitted.technician.touch.calibration.outcome = .fitted(
            correction: CalibrationMatrix([1, 0, -0.02, 0, 1, 0.009]), residualPixels: 1.43)
        var refused = fitted
        refused.language = .english
        refused.technician.touch.calibration.taps[4].x += 150
        refused.technician.touch.calibration.outcome = .refused(
            DiagnosticsNote(.calibrationSloppy, ["px": "58.1", "limit": "12.0"], isProblem: true))
        var network = overview
        network.screen = .diagnostics(.network)
        network.technician.facts?.network = NetworkFacts(
            serverURL: "https://antrean.mpp-badung.go.id", online: true, status: "ok", lastHeartbeat: now.adding(seconds: -3),
            lastSync: now.adding(seconds: -1), outboxDepth: 0,
            leasesLeft: [LeaseCount(service: identityCard, left: 8), LeaseCount(service: familyCard, left: 17)],
            clockOffsetMilliseconds: 240)
        var networkEnglish = network
        networkEnglish.language = .english
        networkEnglish.technician.facts?.network?.online = false
        networkEnglish.technician.facts?.network?.status = "unreachable: connect to antrean.mpp-badung.go.id:443 timed out"
        networkEnglish.technician.facts?.network?.outboxDepth = 12
        networkEnglish.technician.facts?.network?.leasesLeft = []
        networkEnglish.technician.note = DiagnosticsNote(.syncAsked)
        var standalone = overview
        standalone.screen = .diagnostics(.network)
        var log = overview
        log.screen = .diagnostics(.log)
        log.technician.facts?.logLines = (0..<40).map { index in
            index % 9 == 4
                ? "kioskd error: ticket 0c1f\(index) was issued but not printed: printer out of paper"
                : "kioskd info: ticket id=5e2a\(index) number=A-0\(10 + index) printed in 212 ms (tap to confirmation 231 ms)"
        }
        var logEnglish = log
        logEnglish.language = .english
        logEnglish.technician.logOffset = 10
        logEnglish.technician.confirmingRestart = true
        let states: [(String, KioskState)] = [
            ("diagnostics-pin-id", typing),
            ("diagnostics-pin-wrong-en", wrong),
            ("diagnostics-pin-locked-id", locked),
            ("diagnostics-overview-id", overview),
            ("diagnostics-overview-en", overviewEnglish),
            ("diagnostics-printer-id", printer),
            ("diagnostics-printer-en", printerEnglish),
            ("diagnostics-scanner-id", scanner),
            ("diagnostics-scanner-en", scannerEnglish),
            ("diagnostics-touch-id", touch),
            ("diagnostics-touch-en", touchEnglish),
            ("diagnostics-touch-targets-id", targets),
            ("diagnostics-touch-targets-en", targetsEnglish),
            ("diagnostics-calibration-id", calibrating),
            ("diagnostics-calibration-en", calibratingEnglish),
            ("diagnostics-calibration-fitted-id", fitted),
            ("diagnostics-calibration-refused-en", refused),
            ("diagnostics-network-id", network),
            ("diagnostics-network-en", networkEnglish),
            ("diagnostics-network-standalone-id", standalone),
            ("diagnostics-log-id", log),
            ("diagnostics-log-restart-en", logEnglish),
        ]
        let orientation = size.isPortrait ? "portrait" : "landscape"
        return states.map { ScreenCase(name: "\(orientation)-\($0.0)", size: size, state: $0.1) }
    }
}
