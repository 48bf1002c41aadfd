import KioskCore
import Testing

/// Explore by touch: a resting or sliding finger focuses (and so reads) a button, a double tap
/// anywhere chooses the focused one, a single tap focuses (reads) what it landed on once no second
/// tap followed.
@Suite struct ExploreByTouchTests {
    static let agency = Action.chooseAgency(AgencyID("disdukcapil"))
    static let other = Action.chooseAgency(AgencyID("imigrasi"))

    static func at(_ milliseconds: Int64) -> Timestamp { Timestamp(millisecondsSinceEpoch: 1_000_000 + milliseconds) }

    /// Runs `inputs` through a fresh explorer and returns every output.
    static func run(_ inputs: [ExploreByTouch.Input], from start: ExploreByTouch = ExploreByTouch()) -> (ExploreByTouch, [ExploreByTouch.Output]) {
        var explorer = start
        let outputs = inputs.compactMap { explorer.handle($0) }
        return (explorer, outputs)
    }

    @Test func aSlidingFingerReadsEachButtonOnceAsItReachesIt() {
        let (explorer, outputs) = Self.run([
            .down(nil, at: Self.at(0)), .move(Self.agency, at: Self.at(40)), .move(Self.agency, at: Self.at(60)),
            .move(nil, at: Self.at(90)), .move(Self.other, at: Self.at(120)), .up(at: Self.at(300)),
        ])
        #expect(outputs == [.focus(Self.agency), .focus(Self.other)])
        #expect(explorer.focused == Self.other)
    }

    @Test func aFingerRestingOnAButtonReadsItAfterTheDwell() {
        let (_, early) = Self.run([.down(Self.agency, at: Self.at(0)), .hold(at: Self.at(100))])
        #expect(early.isEmpty)
        let (_, rested) = Self.run([.down(Self.agency, at: Self.at(0)), .hold(at: Self.at(150))])
        #expect(rested == [.focus(Self.agency)])
    }

    @Test func aDoubleTapAnywhereChoosesTheFocusedButton() {
        let (focused, _) = Self.run([.down(Self.agency, at: Self.at(0)), .hold(at: Self.at(200)), .up(at: Self.at(400))])
        // Both taps land on another button: the focus, not what is under the finger, is chosen.
        let (after, outputs) = Self.run(
            [
                .down(Self.other, at: Self.at(1000)), .up(at: Self.at(1060)),
                .down(Self.other, at: Self.at(1200)), .up(at: Self.at(1260)),
            ], from: focused)
        #expect(outputs == [.activate(Self.agency)])
        #expect(after.focused == Self.agency)
    }

    @Test func aSingleTapOrASlowSecondTapReadsWhatItLandedOnAndChoosesNothing() {
        let (focused, _) = Self.run([.down(Self.agency, at: Self.at(0)), .hold(at: Self.at(200)), .up(at: Self.at(400))])
        // Within the double-tap window a second tap may still come: nothing yet.
        let (_, waiting) = Self.run([.down(Self.other, at: Self.at(1000)), .up(at: Self.at(1060)), .quiet(at: Self.at(1400))], from: focused)
        #expect(waiting.isEmpty)
        let (single, read) = Self.run([.down(Self.other, at: Self.at(1000)), .up(at: Self.at(1060)), .quiet(at: Self.at(1500))], from: focused)
        #expect(read == [.focus(Self.other)])
        #expect(single.focused == Self.other)
        let (_, slow) = Self.run(
            [
                .down(Self.other, at: Self.at(1000)), .up(at: Self.at(1060)),
                .down(Self.other, at: Self.at(1500)), .up(at: Self.at(1560)), .quiet(at: Self.at(3000)),
            ], from: focused)
        #expect(slow == [.focus(Self.other)])
        // A single tap between buttons keeps the focus.
        let (kept, nothing) = Self.run([.down(nil, at: Self.at(1000)), .up(at: Self.at(1060)), .quiet(at: Self.at(2000))], from: focused)
        #expect(nothing.isEmpty && kept.focused == Self.agency)
    }

    @Test func aFirstTapReadsAButtonAndADoubleTapThenChoosesIt() {
        let (_, outputs) = Self.run([
            .down(Self.agency, at: Self.at(0)), .up(at: Self.at(60)), .quiet(at: Self.at(600)),
            .down(Self.other, at: Self.at(1000)), .up(at: Self.at(1060)), .down(Self.other, at: Self.at(1200)),
            .up(at: Self.at(1260)),
        ])
        #expect(outputs == [.focus(Self.agency), .activate(Self.agency)])
    }

    @Test func aDoubleTapWithNothingFocusedOrAfterTheScreenChangedChoosesNothing() {
        let taps: [ExploreByTouch.Input] = [
            .down(Self.agency, at: Self.at(1000)), .up(at: Self.at(1050)),
            .down(Self.agency, at: Self.at(1150)), .up(at: Self.at(1200)),
        ]
        #expect(Self.run(taps).1.isEmpty)
        var (changed, _) = Self.run([.down(Self.agency, at: Self.at(0)), .hold(at: Self.at(200)), .up(at: Self.at(400))])
        changed.screenChanged()
        #expect(Self.run(taps, from: changed).1.isEmpty)
    }

    @Test func hostileClockValuesDoNotTrap() {
        let (_, outputs) = Self.run([
            .down(Self.agency, at: Timestamp(millisecondsSinceEpoch: .max)), .hold(at: Timestamp(millisecondsSinceEpoch: .min)),
            .up(at: Timestamp(millisecondsSinceEpoch: .min)), .down(nil, at: Timestamp(millisecondsSinceEpoch: .max)),
            .up(at: Timestamp(millisecondsSinceEpoch: .max)), .quiet(at: Timestamp(millisecondsSinceEpoch: .min)),
            .down(nil, at: Timestamp(millisecondsSinceEpoch: .min)),
        ])
        // The first touch counts as a quick tap answered by no second one (the clock leapt): it is read, never chosen.
        #expect(outputs == [.focus(Self.agency)])
    }
}
