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
        var overviewEnglish = overview
        overviewEnglish.language = .english
        let states: [(String, KioskState)] = [
            ("diagnostics-pin-id", typing),
            ("diagnostics-pin-wrong-en", wrong),
            ("diagnostics-pin-locked-id", locked),
            ("diagnostics-overview-id", overview),
            ("diagnostics-overview-en", overviewEnglish),
        ]
        return states.map { ScreenCase(name: "portrait-\($0.0)", size: portrait, state: $0.1) }
    }()
}
