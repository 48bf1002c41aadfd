import KioskCore

@testable import KioskUI

extension Fixtures {
    /// The technician's screens, portrait, in both languages, named like their golden images.
    static let diagnosticsCases: [ScreenCase] = {
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
        ]
        return states.map { ScreenCase(name: "portrait-\($0.0)", size: portrait, state: $0.1) }
    }()
}
