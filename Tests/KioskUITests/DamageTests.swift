import KioskCore
import Testing

@testable import KioskUI

/// Partial redraws: the renderer reports what a change touches, redraws only that, and the
/// result is pixel for pixel the frame a full render draws.
@Suite struct DamageTests {
    let size = Fixtures.portrait

    @Test func firstFrameIsWholeThenNothingChangesForTheSameScreen() throws {
        let renderer = try Fixtures.renderer(size)
        var canvas = Canvas(width: size.width, height: size.height)
        let state = Fixtures.state(.home)
        let first = renderer.render(state, settings: Fixtures.settings(size), now: Fixtures.now, into: &canvas)
        #expect(first == [canvas.bounds])
        #expect(renderer.render(state, settings: Fixtures.settings(size), now: Fixtures.now, into: &canvas).isEmpty)
    }

    @Test func clockTickRedrawsOnlyTheClockAndMatchesAFullRender() throws {
        let renderer = try Fixtures.renderer(size)
        var canvas = Canvas(width: size.width, height: size.height)
        let state = Fixtures.state(.home)
        _ = renderer.render(state, settings: Fixtures.settings(size), now: Fixtures.now, into: &canvas)
        let later = Fixtures.now.adding(seconds: 60)
        let damage = renderer.render(state, settings: Fixtures.settings(size), now: later, into: &canvas)
        #expect(!damage.isEmpty)
        let area = damage.reduce(0) { $0 + $1.area }
        #expect(area < size.width * size.height / 10, "a minute's tick redraws \(damage), not the screen")
        let full = try Fixtures.renderer(size).render(state, settings: Fixtures.settings(size), now: later)
        #expect(canvas.pixels == full.pixels)
    }

    @Test func pressedButtonRedrawsOnlyThatButtonAndReleaseRestoresIt() throws {
        let renderer = try Fixtures.renderer(size)
        let settings = Fixtures.settings(size)
        var canvas = Canvas(width: size.width, height: size.height)
        let state = Fixtures.state(.services(Fixtures.civilRegistry, page: 0))
        _ = renderer.render(state, settings: settings, now: Fixtures.now, into: &canvas)
        let untouched = canvas
        let buttons = renderer.layout(state, settings: settings, now: Fixtures.now).buttons
        let button = try #require(buttons.first { $0.enabled })
        let damage = renderer.render(state, settings: settings, now: Fixtures.now, pressed: button.frame, into: &canvas)
        #expect(damage == [button.frame], "only the pressed button is redrawn")
        #expect(canvas.pixels != untouched.pixels, "the press is visible")
        var differing = 0
        for y in 0..<size.height {
            for x in 0..<size.width where canvas.pixels[y * size.width + x] != untouched.pixels[y * size.width + x] {
                #expect(button.frame.contains(x: x, y: y))
                differing += 1
            }
        }
        #expect(differing > button.frame.area / 2, "the button's face changes colour")
        _ = renderer.render(state, settings: settings, now: Fixtures.now, into: &canvas)
        #expect(canvas.pixels == untouched.pixels)
    }

    @Test(arguments: [
        (Screen.home, Screen.services(Fixtures.civilRegistry, page: 0)), (.home, .priorityChoice),
        (.services(Fixtures.civilRegistry, page: 0), .services(Fixtures.civilRegistry, page: 1)),
        (.services(Fixtures.civilRegistry, page: 0), .unavailable(Fixtures.identityCard)),
    ])
    func screenChangesMatchAFullRender(from: Screen, to: Screen) throws {
        let renderer = try Fixtures.renderer(size)
        var canvas = Canvas(width: size.width, height: size.height)
        _ = renderer.render(Fixtures.state(from), settings: Fixtures.settings(size), now: Fixtures.now, into: &canvas)
        _ = renderer.render(Fixtures.state(to), settings: Fixtures.settings(size), now: Fixtures.now, into: &canvas)
        let full = try Fixtures.renderer(size).render(Fixtures.state(to), settings: Fixtures.settings(size), now: Fixtures.now)
        #expect(canvas.pixels == full.pixels)
    }

    @Test func damageListJoinsOverlapsAndKeepsToItsLimit() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10), b = Rect(x: 5, y: 5, width: 10, height: 10)
        #expect(DamageList.merged([a, b], limit: 8) == [Rect(x: 0, y: 0, width: 15, height: 15)])
        let far = (0..<20).map { Rect(x: $0 * 100, y: 0, width: 10, height: 10) }
        let merged = DamageList.merged(far, limit: 4)
        #expect(merged.count == 4)
        for rect in far { #expect(merged.contains { $0.intersection(rect) == rect }) }
        #expect(DamageList.merged([Rect(x: 3, y: 3, width: 0, height: 9)], limit: 8).isEmpty)
    }
}
