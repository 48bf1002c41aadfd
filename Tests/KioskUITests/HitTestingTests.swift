import KioskCore
import Testing

@testable import KioskUI

/// Touches map to the buttons drawn under them, and only to enabled ones.
@Suite struct HitTestingTests {
    private func layout(_ screen: Screen, _ size: ScreenSize, _ language: Language = .indonesian) throws
        -> ScreenLayout
    {
        try Fixtures.renderer(size).layout(
            Fixtures.state(screen, language), settings: Fixtures.settings(size), now: Fixtures.now)
    }

    private func centre(_ rect: Rect) -> (x: Int, y: Int) { (rect.x + rect.width / 2, rect.y + rect.height / 2) }

    @Test(arguments: Fixtures.screenCases)
    func theCentreOfEveryButtonIsItsAction(_ screen: ScreenCase) throws {
        let layout = try Fixtures.renderer(screen.size).layout(
            screen.state, settings: screen.settings, now: Fixtures.now)
        for button in layout.buttons {
            let point = centre(button.frame)
            #expect(layout.action(atX: point.x, y: point.y) == (button.enabled ? button.action : nil))
        }
    }

    @Test(arguments: Fixtures.screenCases)
    func buttonsAreDrawnExactlyWhereTheyAreTested(_ screen: ScreenCase) throws {
        let renderer = try Fixtures.renderer(screen.size)
        let settings = screen.settings
        let layout = renderer.layout(screen.state, settings: settings, now: Fixtures.now)
        let canvas = renderer.render(screen.state, settings: settings, now: Fixtures.now)
        let header = ScreenGeometry(screen.size).header
        for button in layout.buttons
        where button.frame != Rect(x: 0, y: 0, width: canvas.width, height: canvas.height) && button.frame.y > header.maxY {
            let f = button.frame
            #expect(
                canvas.color(x: f.x + 2, y: f.y + f.height / 2) != Theme.background, "left edge of \(button.action)")
            #expect(
                canvas.color(x: f.maxX - 3, y: f.y + f.height / 2) != Theme.background, "right edge of \(button.action)"
            )
            #expect(canvas.color(x: f.x - 3, y: f.y + f.height / 2) == Theme.background, "left of \(button.action)")
            #expect(canvas.color(x: f.maxX + 2, y: f.y + f.height / 2) == Theme.background, "right of \(button.action)")
            #expect(canvas.color(x: f.x + f.width / 2, y: f.y - 3) == Theme.background, "above \(button.action)")
            #expect(canvas.color(x: f.x + f.width / 2, y: f.maxY + 2) == Theme.background, "below \(button.action)")
        }
    }

    @Test(arguments: Fixtures.screenCases)
    func layoutIsDeterministic(_ screen: ScreenCase) throws {
        let settings = screen.settings
        let first = try Fixtures.renderer(screen.size).layout(screen.state, settings: settings, now: Fixtures.now)
        let renderer = try Fixtures.renderer(screen.size)
        _ = renderer.render(screen.state, settings: settings, now: Fixtures.now)
        #expect(renderer.layout(screen.state, settings: settings, now: Fixtures.now) == first)
    }

    @Test(arguments: Fixtures.sizes)
    func theFirstScreenOffersEveryAgencyTheLanguageSwitchAndPriority(_ size: ScreenSize) throws {
        let actions = try layout(.home, size).buttons.map(\.action)
        #expect(actions.filter { if case .chooseAgency = $0 { true } else { false } } == Fixtures.catalogue.agencies.map { .chooseAgency($0.id) })
        #expect(actions.contains(.chooseLanguage(.indonesian)) && actions.contains(.chooseLanguage(.english)))
        #expect(actions.contains(.askPriority))
        #expect(!actions.contains(.back) && !actions.contains(.nextPage))
    }

    @Test(arguments: Fixtures.sizes)
    func theStillTherePromptAnswersAnyTouch(_ size: ScreenSize) throws {
        var state = Fixtures.state(.services(Fixtures.civilRegistry, page: 0))
        state.idlePromptLeft = 5
        let layout = try Fixtures.renderer(size).layout(state, settings: Fixtures.settings(size), now: Fixtures.now)
        for (x, y) in [(0, 0), (size.width - 1, size.height - 1), (size.width / 2, size.height / 2)] {
            #expect(layout.action(atX: x, y: y) == .stillHere)
        }
    }

    @Test(arguments: Fixtures.sizes)
    func touchesOutsideButtonsDoNothing(_ size: ScreenSize) throws {
        let screens: [Screen] = [
            .home, .services(Fixtures.civilRegistry, page: 0),
            .ticket(Fixtures.ticket(), .printed), .notice(.serviceFull, returnTo: .home),
        ]
        for screen in screens {
            let layout = try layout(screen, size)
            #expect(layout.action(atX: size.width / 2, y: 20) == nil, "header of \(screen)")
            #expect(layout.action(atX: 2, y: size.height - 2) == nil, "bottom-left corner of \(screen)")
            #expect(layout.action(atX: -5, y: size.height / 2) == nil, "off screen on \(screen)")
        }
    }

    @Test(arguments: Fixtures.sizes)
    func everyChoiceScreenShowsTheLanguageSwitch(_ size: ScreenSize) throws {
        for screen in [Screen.home, .services(Fixtures.civilRegistry, page: 0), .priorityChoice, .notice(.serviceFull, returnTo: .home)] {
            let actions = try layout(screen, size).buttons.map(\.action)
            #expect(actions.prefix(2) == [.chooseLanguage(.indonesian), .chooseLanguage(.english)], "\(screen)")
        }
    }

    @Test(arguments: Fixtures.sizes)
    func closedAndFullServicesAreGreyedButExplainThemselves(_ size: ScreenSize) throws {
        let layout = try layout(.services(Fixtures.civilRegistry, page: 0), size)
        func button(_ id: ServiceID) throws -> ScreenLayout.Button {
            try #require(layout.buttons.first { $0.action == .chooseService(id) })
        }
        let full = try button(Fixtures.identityCard)
        let closed = try button(Fixtures.deathCertificate)
        let open = try button(Fixtures.familyCard)
        #expect(full.enabled && closed.enabled && open.enabled)
        #expect(layout.action(atX: centre(full.frame).x, y: centre(full.frame).y) == .chooseService(Fixtures.identityCard))
        #expect(layout.action(atX: centre(closed.frame).x, y: centre(closed.frame).y) == .chooseService(Fixtures.deathCertificate))
        #expect(
            layout.action(atX: centre(open.frame).x, y: centre(open.frame).y) == .chooseService(Fixtures.familyCard))
    }

    @Test(arguments: Fixtures.sizes)
    func pageButtonsAppearOnlyWhenThereIsAPageToGoTo(_ size: ScreenSize) throws {
        func paging(_ screen: Screen) throws -> Set<Action> {
            Set(try layout(screen, size).buttons.map(\.action)).intersection([.previousPage, .nextPage])
        }
        #expect(Fixtures.agencyPages(size) == 1, "31 agencies fit the first screen")
        #expect(try paging(.home) == [])
        #expect(try paging(.services(Fixtures.civilRegistry, page: 0)) == [.nextPage])
        #expect(try paging(.services(Fixtures.civilRegistry, page: 1)) == [.previousPage])
        #expect(try paging(.services(Fixtures.tourismOffice, page: 0)) == [])
    }

    @Test func theTicketCanBeLeftOnlyOncePrintingHasEnded() throws {
        let size = Fixtures.portrait
        #expect(try layout(.ticket(Fixtures.ticket(), .printing), size).buttons.isEmpty)
        for state in [PrintState.printed, .failed] {
            #expect(try layout(.ticket(Fixtures.ticket(), state), size).buttons.map(\.action) == [.done])
        }
    }

    @Test func portraitAndLandscapeHoldDifferentPages() {
        let portrait = LayoutMetrics.pageCapacity(for: Fixtures.portrait)
        let landscape = LayoutMetrics.pageCapacity(for: Fixtures.landscape)
        #expect(portrait.agencies == 36 && portrait.services == 7)
        #expect(landscape.agencies == 36 && landscape.services == 6)
    }

    static let manySizes = [
        Fixtures.portrait, Fixtures.landscape, ScreenSize(width: 480, height: 480),
        ScreenSize(width: 768, height: 1366),
        ScreenSize(width: 1366, height: 768), ScreenSize(width: 800, height: 1280),
        ScreenSize(width: 2160, height: 3840),
    ]

    @Test(arguments: manySizes)
    func fullPagesFitTheScreenWithoutOverlapping(_ size: ScreenSize) throws {
        let capacity = LayoutMetrics.pageCapacity(for: size)
        #expect(capacity.agencies >= 1 && capacity.services >= 1)
        let bounds = Rect(x: 0, y: 0, width: size.width, height: size.height)
        for screen in [Screen.home, .services(Fixtures.civilRegistry, page: 0)] {
            let buttons = try layout(screen, size).buttons
            let choices = buttons.filter {
                switch $0.action {
                case .chooseAgency, .chooseService: true
                default: false
                }
            }
            let expected = screen == .home ? min(capacity.agencies, 31) : min(capacity.services, 9)
            #expect(choices.count == expected, "\(screen) at \(size)")
            for (index, button) in buttons.enumerated() {
                #expect(inside(button.frame, bounds), "\(button.action) leaves the screen at \(size)")
                if size == Fixtures.portrait { #expect(button.frame.height >= 90, "\(button.action) is too small") }
                for other in buttons[(index + 1)...] {
                    #expect(!overlap(button.frame, other.frame), "\(button.action) overlaps \(other.action) at \(size)")
                }
            }
        }
    }

    private func inside(_ a: Rect, _ b: Rect) -> Bool {
        a.x >= b.x && a.y >= b.y && a.maxX <= b.maxX && a.maxY <= b.maxY
    }
    private func overlap(_ a: Rect, _ b: Rect) -> Bool { a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY }
}
