import KioskCore
import Testing

@testable import KioskUI

/// Every enabled button a citizen screen draws does something when pressed: the flow changes the
/// screen or the state, or starts an effect (a Prioritas button on the later agency pages once did nothing).
@Suite struct EveryButtonTests {
    @Test(arguments: Fixtures.screenCases.filter {
        switch $0.state.screen {
        case .diagnostics, .outOfService: false
        default: true
        }
    })
    func everyEnabledButtonDoesSomething(_ screen: ScreenCase) throws {
        let layout = try Fixtures.renderer(screen.size).layout(screen.state, settings: screen.settings, now: screen.now)
        let context = StepContext(now: screen.now, freshTicketID: TicketID(randomBytes: [UInt8](repeating: 6, count: 16)))
        for button in layout.buttons where button.enabled {
            // The language already chosen is the one already shown.
            if button.action == .chooseLanguage(screen.state.language) && screen.state.languageChosen { continue }
            var before = screen.state
            before.lastActivity = screen.now
            let (after, effects) = KioskFlow.step(before, .press(button.action), context, settings: screen.settings)
            #expect(after != before || !effects.isEmpty, "\(screen.name): \(button.action) does nothing")
        }
    }

    /// The same on the later agency pages and a category's and a letter's agencies, which the cases above
    /// show only at their first screen.
    @Test(arguments: Fixtures.sizes)
    func prioritasOpensTheChoiceOnEveryAgencyScreen(_ size: ScreenSize) throws {
        var settings = Fixtures.settings(size)
        settings.catalogue = Fixtures.largerMall
        settings.agenciesPerPage = 12  // pages, as a smaller screen would have them
        let renderer = try Fixtures.renderer(size)
        let context = StepContext(now: Fixtures.now, freshTicketID: TicketID(randomBytes: [UInt8](repeating: 7, count: 16)))
        for screen in [Screen.agencies(page: 1), .category(0), .letter("B")] {
            var state = Fixtures.state(screen)
            state.history = [.home]
            let layout = renderer.layout(state, settings: settings, now: Fixtures.now)
            #expect(layout.buttons.contains { $0.action == .askPriority && $0.enabled }, "\(screen) shows Prioritas")
            let (after, _) = KioskFlow.step(state, .press(.askPriority), context, settings: settings)
            #expect(after.screen == .priorityChoice, "\(screen)")
            let (back, _) = KioskFlow.step(after, .press(.choosePriority(.elderly)), context, settings: settings)
            #expect(back.screen == screen && back.priority == .elderly, "\(screen): the choice returns to it")
        }
    }
}
