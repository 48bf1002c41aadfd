import KioskCore
import KioskDevices
import Testing

/// Device units equal screen pixels in these stories.
private let screen = ScreenSize(width: 1080, height: 1920)
private let xRange = AxisRange(minimum: 0, maximum: 1079)
private let yRange = AxisRange(minimum: 0, maximum: 1919)

private func makeInput(_ timings: GestureTimings = GestureTimings(), resolution: (x: Int32, y: Int32)? = nil) -> TouchInput {
    TouchInput(
        transform: TouchTransform(xRange: xRange, yRange: yRange, screen: screen), resolution: resolution, timings: timings)
}

/// Feeds `frames`, each a list of events ending in `SYN_REPORT`, at the given milliseconds.
private func run(_ input: inout TouchInput, _ frames: [(ms: Int64, events: [InputEvent])]) -> [Gesture] {
    var gestures: [Gesture] = []
    for frame in frames {
        gestures += input.advance(to: frame.ms * 1000)
        for event in frame.events + [.synReport] {
            if let gesture = input.feed(event, at: frame.ms * 1000) { gestures.append(gesture) }
        }
    }
    return gestures
}

private func down(_ id: Int32, _ x: Int32, _ y: Int32) -> [InputEvent] {
    [.absolute(InputCode.mtTrackingID, id), .absolute(InputCode.mtPositionX, x), .absolute(InputCode.mtPositionY, y)]
}
private func move(_ x: Int32, _ y: Int32) -> [InputEvent] {
    [.absolute(InputCode.mtPositionX, x), .absolute(InputCode.mtPositionY, y)]
}
private let up: [InputEvent] = [.absolute(InputCode.mtTrackingID, -1)]
private func slot(_ number: Int32) -> InputEvent { .absolute(InputCode.mtSlot, number) }
/// One protocol A contact: position then `SYN_MT_REPORT`.
private func contactA(_ x: Int32, _ y: Int32) -> [InputEvent] {
    move(x, y) + [InputEvent(type: InputCode.synchronization, code: InputCode.synMTReport, value: 0)]
}

@Suite struct TouchGestureTests {
    @Test func stillFingerBecomesALongPressOnceAndNoTap() {
        var input = makeInput()
        var gestures = run(&input, [(0, down(1, 300, 400))])
        gestures += input.advance(to: 799_000)
        #expect(gestures.isEmpty)
        gestures += input.advance(to: 800_000)
        gestures += input.advance(to: 900_000)
        gestures += run(&input, [(1000, up)])
        #expect(
            gestures == [
                .longPress(TouchPoint(x: 300, y: 400, time: 800_000)),
                .held(TouchPoint(x: 300, y: 400, time: 1_000_000), milliseconds: 1000),
            ])
    }

    @Test func verticalDragReportsBeganMovedEndedWithDeltas() {
        var input = makeInput()
        let gestures = run(&input, [(0, down(1, 500, 1000)), (16, move(500, 990)), (32, move(500, 960)), (48, move(500, 900)), (64, up)])
        #expect(
            gestures == [
                .drag(.began, TouchPoint(x: 500, y: 960, time: 32_000), dx: 0, dy: -40),
                .drag(.moved, TouchPoint(x: 500, y: 900, time: 48_000), dx: 0, dy: -60),
                .drag(.ended, TouchPoint(x: 500, y: 900, time: 64_000), dx: 0, dy: 0),
            ])
    }

    @Test func secondTapOnTheSameSpotWithinTheWindowIsIgnoredElsewhereIsNot() {
        var input = makeInput()
        let gestures = run(&input, [
            (0, down(1, 100, 100)), (50, up),  // tap
            (200, down(2, 105, 102)), (250, up),  // same spot, 200 ms later: ignored
            (300, down(3, 700, 1500)), (350, up),  // elsewhere: a tap
            (600, down(4, 100, 100)), (650, up),  // same spot, 600 ms after the first: a tap
        ])
        #expect(gestures.map(\.point.tap) == [Tap(x: 100, y: 100), Tap(x: 700, y: 1500), Tap(x: 100, y: 100)])

        var timings = GestureTimings()
        timings.debounceMilliseconds = 0
        var undebounced = makeInput(timings)
        #expect(run(&undebounced, [(0, down(1, 100, 100)), (50, up), (200, down(2, 105, 102)), (250, up)]).count == 2)
    }

    @Test func slopIsInMillimetresWhenThePanelReportsItsResolution() {
        // 10 units/mm: 30 units is 3 mm (under the 4 mm slop) though it is 30 pixels here.
        var input = makeInput(resolution: (10, 10))
        #expect(run(&input, [(0, down(1, 500, 500)), (16, move(530, 500)), (32, up)]) == [.tap(TouchPoint(x: 500, y: 500, time: 32_000))])
        // 50 units is 5 mm: a drag.
        var moved = makeInput(resolution: (10, 10))
        #expect(run(&moved, [(0, down(1, 500, 500)), (16, move(550, 500)), (32, up)]).first?.isTap == false)
    }

    @Test func stuckContactIsDroppedWithAWarningAndTheScreenWorksAround() {
        var input = makeInput()
        // A sticker lands and never lifts.
        #expect(run(&input, [(0, down(1, 50, 50))]).isEmpty)
        // Held still, it is first a long press; a finger while it is there cannot drive.
        #expect(
            run(&input, [(1000, [slot(1)] + down(2, 500, 500)), (1050, up)])
                == [.longPress(TouchPoint(x: 50, y: 50, time: 1_000_000))])
        let dropped = input.advance(to: 20_000_000)
        #expect(dropped == [.contactDropped(TouchPoint(x: 50, y: 50, time: 20_000_000), heldMilliseconds: 20_000)])
        #expect(input.advance(to: 30_000_000).isEmpty)  // reported once
        // Now taps work while the sticker stays on the glass.
        let tap = run(&input, [(30_000, down(3, 600, 700)), (30_050, up)])
        #expect(tap == [.tap(TouchPoint(x: 600, y: 700, time: 30_050_000))])
        #expect(input.activeContactCount == 1)
    }

    @Test func protocolATapsFollowsContactsAndSecondFingerNeverTaps() {
        var input = makeInput()
        let empty = [InputEvent(type: InputCode.synchronization, code: InputCode.synMTReport, value: 0)]
        let gestures = run(&input, [
            (0, contactA(200, 300)),  // first finger
            (10, contactA(201, 301) + contactA(800, 1600)),  // second finger joins
            (20, contactA(800, 1601) + contactA(202, 300)),  // listed in the other order
            (30, contactA(800, 1602)),  // first finger lifts: a tap at its touch-down point
            (40, empty),  // second lifts: nothing
            (500, contactA(640, 480)), (510, empty),  // a new single tap
        ])
        #expect(gestures.map(\.point.tap) == [Tap(x: 200, y: 300), Tap(x: 640, y: 480)])
        #expect(input.activeContactCount == 0)
    }

    @Test func protocolADragIsNoTap() {
        var input = makeInput()
        let gestures = run(&input, [(0, contactA(200, 300)), (10, contactA(200, 400)), (20, [])])
        #expect(gestures.contains { $0.isTap } == false)
        #expect(gestures.last.map { if case .drag(.ended, _, _, _) = $0 { true } else { false } } == true)
    }

    @Test func resyncFrameContactsAreIgnoredUntilTheyLift() {
        // What EvdevReader sends for a real device after SYN_DROPPED: SYN_DROPPED, SYN_REPORT, the state, SYN_REPORT.
        var input = makeInput()
        var gestures = run(&input, [(0, down(1, 100, 100))])
        for event in [InputEvent.synDropped, .synReport] { _ = input.feed(event, at: 5000) }
        gestures += run(&input, [(5, [slot(0)] + down(1, 120, 100))])  // still down, restored from the device
        gestures += run(&input, [(10, move(121, 100)), (20, up)])
        #expect(gestures.isEmpty)
        #expect(input.activeContactCount == 0)
        #expect(run(&input, [(400, down(2, 300, 300)), (450, up)]).count == 1)
    }

    @Test func slotNumbersOutOfRangeCannotGrowTheState() {
        var input = makeInput()
        for number in Int32(0)..<10_000 {
            _ = input.feed(slot(number * 7919))
            _ = input.feed(.absolute(InputCode.mtTrackingID, number))
        }
        _ = input.feed(.synReport)
        #expect(input.activeContactCount <= 64)
    }
}

extension Gesture {
    var isTap: Bool { if case .tap = self { true } else { false } }
}
