import KioskCore
import Testing

@testable import KioskUI

/// Issue 11's leftover: a linked kiosk whose server does not answer and that has no lease nor fallback
/// mark says so on its first screen, in both languages, and offers no agency to touch.
@Suite struct NoNumberHomeTests {
    @Test(arguments: Fixtures.sizes)
    func theFirstScreenSaysNoNumberCanBeGivenAndOffersNothingToTouch(_ size: ScreenSize) throws {
        let renderer = try Fixtures.renderer(size)
        var settings = Fixtures.settings(size)
        settings.linked = true
        var state = Fixtures.state(.home)
        let normal = renderer.layout(state, settings: settings, now: Fixtures.now)
        #expect(normal.buttons.contains { if case .chooseAgency = $0.action { true } else { false } })

        state.link.serverAnswers = false
        state.link.canNumberOffline = false
        let closed = renderer.layout(state, settings: settings, now: Fixtures.now)
        #expect(!closed.buttons.contains { button in
            switch button.action {
            case .chooseAgency, .chooseCategory, .askPriority, .nextPage: true
            default: false
            }
        }, "\(closed.buttons.map(\.action))")
        let said = SpeechScript.introduction(state, settings: settings, now: Fixtures.now).map(\.text).joined(separator: " ")
        #expect(said.contains("server antrean sedang tidak dapat dihubungi"), "\(said)")

        state.link.canNumberOffline = true  // A lease came.
        #expect(renderer.layout(state, settings: settings, now: Fixtures.now).buttons == normal.buttons)
    }
}
