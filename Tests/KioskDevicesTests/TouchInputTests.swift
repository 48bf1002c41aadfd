import KioskCore
import KioskDevices
import Testing

/// A panel whose device units equal screen pixels, so positions in these stories read as pixels.
private let screen = ScreenSize(width: 1080, height: 1920)
private let identity = AxisScaler(
    xRange: AxisRange(minimum: 0, maximum: 1079), yRange: AxisRange(minimum: 0, maximum: 1919), screen: screen)

private func makeTouchInput(slop: Int = 24) -> TouchInput {
    TouchInput(xRange: identity.xRange, yRange: identity.yRange, screen: screen, slop: slop)
}

/// Feeds `events` and returns the taps in order.
private func taps(_ input: inout TouchInput, _ events: [InputEvent]) -> [Tap] {
    events.compactMap { input.feed($0)?.tapped }
}

// Protocol B building blocks, as the kernel's input-mt helpers send them.
private func slot(_ number: Int32) -> InputEvent { .absolute(InputCode.mtSlot, number) }
private func track(_ id: Int32) -> InputEvent { .absolute(InputCode.mtTrackingID, id) }
private func position(_ x: Int32, _ y: Int32) -> [InputEvent] {
    [.absolute(InputCode.mtPositionX, x), .absolute(InputCode.mtPositionY, y)]
}
private let syn = InputEvent.synReport

@Suite struct TouchInputTests {
    @Test func protocolBTapIsReportedAtTheReleaseFrame() {
        var input = makeTouchInput()
        let events = SyntheticTouch.tap(x: 200, y: 1500, scaler: identity, trackingID: 7)
        let results = events.map { input.feed($0)?.tapped }
        #expect(results.dropLast().allSatisfy { $0 == nil })
        #expect(results.last == Tap(x: 200, y: 1500))
    }

    @Test func smallWobbleIsStillATapAtTheTouchDownPoint() {
        var input = makeTouchInput()
        let events =
            [track(1)] + position(500, 500) + [syn]
            + position(510, 515) + [syn]
            + [track(-1), syn]
        #expect(taps(&input, events) == [Tap(x: 500, y: 500)])
    }

    @Test func dragBeyondSlopIsNoTap() {
        var input = makeTouchInput()
        let events =
            [track(1)] + position(500, 500) + [syn]
            + position(500, 560) + [syn]
            + [track(-1), syn]
        #expect(taps(&input, events).isEmpty)
    }

    @Test func dragThatComesBackIsStillNoTap() {
        var input = makeTouchInput()
        let events =
            [track(1)] + position(500, 500) + [syn]
            + position(600, 500) + [syn]
            + position(501, 500) + [syn]
            + [track(-1), syn]
        #expect(taps(&input, events).isEmpty)
    }

    @Test func slopIsMeasuredInScreenPixelsNotDeviceUnits() {
        // 0…32767 on a 1080-pixel-wide screen: 300 device units are about 10 pixels.
        let range = AxisRange(minimum: 0, maximum: 32767)
        var input = TouchInput(xRange: range, yRange: range, screen: screen, slop: 24)
        let events =
            [track(1)] + position(16000, 16000) + [syn]
            + position(16300, 16000) + [syn]
            + [track(-1), syn]
        let expected = AxisScaler(xRange: range, yRange: range, screen: screen).toScreen(x: 16000, y: 16000)
        #expect(taps(&input, events) == [Tap(x: expected.x, y: expected.y)])
    }

    @Test func slotIsOmittedWhileItDoesNotChange() {
        var input = makeTouchInput()
        // Three taps in slot 0 with no ABS_MT_SLOT at all, as a one-finger panel sends them.
        // The third lands at the same X as the second, so the kernel does not resend X.
        let events =
            [track(1)] + position(100, 100) + [syn, track(-1), syn]
            + [track(2)] + position(300, 900) + [syn, track(-1), syn]
            + [track(3), .absolute(InputCode.mtPositionY, 1200), syn, track(-1), syn]
        #expect(taps(&input, events) == [Tap(x: 100, y: 100), Tap(x: 300, y: 900), Tap(x: 300, y: 1200)])
    }

    @Test func secondFingerNeverTapsEvenWhenItLiftsFirst() {
        var input = makeTouchInput()
        let events =
            [track(10)] + position(200, 300) + [syn]  // first finger down in slot 0
            + [slot(1), track(11)] + position(800, 1600) + [syn]  // second finger down
            + [track(-1), syn]  // second finger (slot 1 still current) lifts
            + [slot(0), track(-1), syn]  // first finger lifts
        #expect(taps(&input, events) == [Tap(x: 200, y: 300)])
    }

    /// Rule: the first finger taps on its own merits when it lifts, even while a second finger
    /// stays down; the finger left behind never becomes the one that taps.
    @Test func firstFingerLiftingWhileSecondStaysTapsAndTheSecondNeverDoes() {
        var input = makeTouchInput()
        let events =
            [track(10)] + position(200, 300) + [syn]
            + [slot(1), track(11)] + position(800, 1600) + [syn]
            + [slot(0), track(-1), syn]  // first finger lifts: a tap
            + [slot(1)] + position(805, 1602) + [syn]  // second finger still there, barely moving
            + [track(-1), syn]  // and lifts: no tap
        #expect(taps(&input, events) == [Tap(x: 200, y: 300)])

        // The screen is empty again: the next finger taps.
        let next = SyntheticTouch.tap(x: 640, y: 480, scaler: identity, trackingID: 12)
        #expect(taps(&input, next) == [Tap(x: 640, y: 480)])
    }

    @Test func firstFingerThatDraggedMakesNoTapWhateverTheSecondDoes() {
        var input = makeTouchInput()
        let events =
            [track(10)] + position(200, 300) + [syn]
            + [slot(1), track(11)] + position(800, 1600) + [syn]
            + [slot(0)] + position(200, 700) + [syn]
            + [track(-1), syn]
            + [slot(1), track(-1), syn]
        #expect(taps(&input, events).isEmpty)
    }

    @Test func twoFingersLandingInOneFrameLetTheLowerSlotDrive() {
        var input = makeTouchInput()
        let events =
            [track(1)] + position(100, 200) + [slot(1), track(2)] + position(900, 1800) + [syn]
            + [track(-1), syn]
            + [slot(0), track(-1), syn]
        #expect(taps(&input, events) == [Tap(x: 100, y: 200)])
    }

    @Test func contactReplacedInItsSlotWithinOneFrameTapsAndTheNewOneDrives() {
        var input = makeTouchInput()
        let events =
            [track(1)] + position(100, 200) + [syn]
            + [track(2)] + position(700, 900) + [syn]  // id 1 → 2: contact 1 lifted, contact 2 landed
            + [track(-1), syn]
        #expect(taps(&input, events) == [Tap(x: 100, y: 200), Tap(x: 700, y: 900)])
    }

    @Test func singleTouchDeviceTaps() {
        var input = makeTouchInput()
        let events = SyntheticTouch.singleTouchTap(x: 333, y: 1444, scaler: identity)
        let results = events.map { input.feed($0)?.tapped }
        #expect(results.dropLast().allSatisfy { $0 == nil })
        #expect(results.last == Tap(x: 333, y: 1444))
    }

    @Test func singleTouchDragIsNoTap() {
        var input = makeTouchInput()
        let events: [InputEvent] = [
            .absolute(InputCode.absX, 100), .absolute(InputCode.absY, 100), .key(InputCode.buttonTouch, 1), syn,
            .absolute(InputCode.absY, 400), syn,
            .key(InputCode.buttonTouch, 0), syn,
        ]
        #expect(taps(&input, events).isEmpty)
    }

    @Test func multitouchPanelWithSingleTouchEmulationTapsOnce() {
        var input = makeTouchInput()
        // SyntheticTouch.tap sends both the slot events and BTN_TOUCH/ABS_X/ABS_Y.
        let events = SyntheticTouch.tap(x: 50, y: 60, scaler: identity, trackingID: 1)
            + SyntheticTouch.tap(x: 70, y: 80, scaler: identity, trackingID: 2)
        #expect(taps(&input, events) == [Tap(x: 50, y: 60), Tap(x: 70, y: 80)])
    }

    @Test func synDroppedMidTouchMakesNoTapAndLeavesNothingStuck() {
        var input = makeTouchInput()
        let events =
            [track(1)] + position(100, 100) + [syn]
            + [.synDropped, track(-1), syn]  // the lift was lost in the overrun
            + [track(-1), syn]  // and a late release of a forgotten contact
        #expect(taps(&input, events).isEmpty)

        let next = SyntheticTouch.tap(x: 400, y: 800, scaler: identity, trackingID: 2)
        #expect(taps(&input, next) == [Tap(x: 400, y: 800)])
    }

    @Test func synDroppedWhileTheFingerStaysDownMakesNoTapWhenItLifts() {
        var input = makeTouchInput()
        let events =
            [track(1)] + position(100, 100) + [syn]
            + [.synDropped] + position(101, 101) + [syn]
            + position(102, 102) + [syn]  // the same finger, now forgotten
            + [track(-1), syn]
        #expect(taps(&input, events).isEmpty)

        let next = SyntheticTouch.tap(x: 10, y: 20, scaler: identity, trackingID: 2)
        #expect(taps(&input, next) == [Tap(x: 10, y: 20)])
    }
}
