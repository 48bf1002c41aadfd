import KioskCore
import KioskDevices
import Testing

/// Real panels, recorded with evemu-record (devices/touch/recordings, MIT, see SOURCE.md).
@Suite struct InputRecordingTests {
    static func load(_ name: String) throws -> EvemuRecording {
        try EvemuRecording(contentsOfFile: InputTestFiles.recording(name))
    }

    /// Replays `recording` on a screen the size of its panel and returns the taps.
    static func replay(_ recording: EvemuRecording, slop: Int = 24) throws -> (taps: [Tap], scaler: AxisScaler) {
        let xRange = try #require(recording.xRange)
        let yRange = try #require(recording.yRange)
        let screen = ScreenSize(
            width: Int(xRange.maximum - xRange.minimum) + 1, height: Int(yRange.maximum - yRange.minimum) + 1)
        var input = TouchInput(xRange: xRange, yRange: yRange, screen: screen, slop: slop)
        let taps = recording.events.compactMap { input.feed($0)?.tapped }
        return (taps, AxisScaler(xRange: xRange, yRange: yRange, screen: screen))
    }

    @Test func descriptionGivesNameAndAxisRanges() throws {
        let atmel = try Self.load("Atmel_maXTouch_Touchscreen.desc")
        #expect(atmel.name == "Atmel maXTouch Touchscreen")
        #expect(atmel.xRange == AxisRange(minimum: 0, maximum: 799))
        #expect(atmel.yRange == AxisRange(minimum: 0, maximum: 479))
        #expect(atmel.axes[InputCode.mtTrackingID] == AxisRange(minimum: 0, maximum: 65535))
        #expect(atmel.events.isEmpty)

        let ep = try Self.load("EP0430M09.desc")
        #expect(ep.xRange == AxisRange(minimum: 0, maximum: 1279))
        #expect(ep.yRange == AxisRange(minimum: 0, maximum: 767))
    }

    @Test func eventLinesParseWithTimesHexCodesAndNegativeValues() throws {
        let recording = try Self.load("Atmel_maXTouch_Touchscreen.1-finger-fast-taps.events")
        #expect(recording.events.count == 84)  // `grep -c "^E:"` on the file
        #expect(
            recording.events.first
                == InputEvent(seconds: 0, microseconds: 1, type: InputCode.absolute, code: InputCode.mtTrackingID, value: 3))
        #expect(
            recording.events[7]
                == InputEvent(
                    seconds: 0, microseconds: 95573, type: InputCode.absolute, code: InputCode.mtTrackingID, value: -1))
        #expect(recording.events.last == InputEvent(seconds: 1, microseconds: 934008, type: 0, code: 0, value: 0))
    }

    @Test func windowsLineEndingsParseToo() throws {
        let recording = try EvemuRecording(parsing: "N: Panel \r\nA: 35 0 4095 0 0 0\r\nE: 2.000010 0003 0035 0100\r\n")
        #expect(recording.name == "Panel")
        #expect(recording.xRange == AxisRange(minimum: 0, maximum: 4095))
        #expect(recording.events == [InputEvent(seconds: 2, microseconds: 10, type: 3, code: 0x35, value: 100)])
    }

    @Test func malformedEventLineIsReportedWithItsLineNumber() {
        let text = "# EVEMU 1.3\nN: Panel\nE: 0.000001 0003 zz 0001\n"
        #expect(throws: EvemuRecordingError(lineNumber: 3, line: "E: 0.000001 0003 zz 0001")) {
            try EvemuRecording(parsing: text)
        }
    }

    /// The gestures of a recording replayed on an 800×480 screen, default thresholds unless changed.
    static func gestures(_ name: String, timings: GestureTimings = GestureTimings()) throws -> [Gesture] {
        let recording = try EvemuRecording.withDescription(InputTestFiles.recording(name))
        return try GestureReplay.gestures(
            recording, setup: GestureReplay.Setup(screen: ScreenSize(width: 800, height: 480), timings: timings))
    }

    static func summary(_ gestures: [Gesture]) -> [String] {
        gestures.compactMap { gesture in
            switch gesture {
            case .tap(let p): "tap \(p.x),\(p.y)"
            case .longPress(let p): "longPress \(p.x),\(p.y)"
            case .held(let p, _): "held \(p.x),\(p.y)"
            case .drag(.moved, _, _, _): nil
            case .drag(let phase, let p, _, _): "drag \(phase.rawValue) \(p.x),\(p.y)"
            case .contactDropped(let p, _): "dropped \(p.x),\(p.y)"
            }
        }
    }

    @Test func atmelFastTapsGiveNineTapsWhereTheFingerLandedAndDebounceKeepsOneIn300Ms() throws {
        // Nine contacts, tracking ids 3 to 11, each down for 80–110 ms near the panel's centre
        // (800×480 panel on an 800×480 screen: device units are pixels).
        var noDebounce = GestureTimings()
        noDebounce.debounceMilliseconds = 0
        let all = try Self.gestures("Atmel_maXTouch_Touchscreen.1-finger-fast-taps.events", timings: noDebounce)
        #expect(all.count == 9)
        #expect(all.first == .tap(TouchPoint(x: 340, y: 242, time: 95_572)))
        for gesture in all {
            guard case .tap(let p) = gesture else { Issue.record("not a tap: \(gesture)"); continue }
            #expect((300...420).contains(p.x) && (200...280).contains(p.y), "tap at \(p)")
        }
        // Default 300 ms debounce: a tap within 300 ms of the last reported one, within 24 px of it, is swallowed.
        let debounced = try Self.gestures("Atmel_maXTouch_Touchscreen.1-finger-fast-taps.events")
        #expect(Self.summary(debounced) == ["tap 340,242", "tap 357,239", "tap 364,251", "tap 349,250", "tap 373,252"])
    }

    @Test func dragRecordingsScrollAndNeverTap() throws {
        let atmel = try Self.gestures("Atmel_maXTouch_Touchscreen.1-finger-drag-up-down.events")
        #expect(Self.summary(atmel) == ["drag began 361,355", "drag ended 382,393"])
        let ep = try Self.gestures("EP0430M09.1-finger-drag-up-down.events")
        #expect(Self.summary(ep) == ["drag began 388,107", "drag ended 380,79"])
        let elan = try Self.gestures("ELAN_CANDO_Windows7.1-finger-drag-up-down.events")
        #expect(Self.summary(elan) == ["drag began 379,264", "drag ended 381,161"])
        // Up then down: the moves' dy sum to the whole way travelled, and both directions occur.
        for gestures in [atmel, ep, elan] {
            let dys = gestures.compactMap { gesture -> Int? in
                if case .drag(_, _, _, let dy) = gesture { return dy }
                return nil
            }
            #expect(dys.contains { $0 < 0 } && dys.contains { $0 > 0 })
        }
    }

    @Test func ep0430DragWithASlopWiderThanThePanelIsALongPress() throws {
        var wide = GestureTimings()
        wide.tapSlopPixels = 10_000
        let gestures = try Self.gestures("EP0430M09.1-finger-drag-up-down.events", timings: wide)
        #expect(Self.summary(gestures) == ["longPress 378,85", "held 378,85"])  // device (605, 136) on 1280×768
    }

    @Test func twoFingerRecordingsGestureOnlyWithTheFirstFinger() throws {
        // EP0430M09: both fingers land in one frame; slot 0 (404, 409) lifts first, slot 1 stays a moment.
        let ep = try Self.gestures("EP0430M09.2-fingers-touch-release.events")
        #expect(Self.summary(ep) == ["tap 252,255"])
        // Atmel: the first finger is held 0.8 s (a long press); the second lands later and lifts first.
        let atmel = try Self.gestures("Atmel_maXTouch_Touchscreen.2-fingers-touch-release.events")
        #expect(Self.summary(atmel) == ["longPress 539,167", "held 539,167"])
    }

    @Test func replayJSONLinesAreOnePerGesture() {
        #expect(GestureReplay.jsonLine(.tap(TouchPoint(x: 540, y: 960, time: 1_234_400))) == #"{"gesture":"tap","x":540,"y":960,"t":1.234}"#)
        #expect(
            GestureReplay.jsonLine(.drag(.moved, TouchPoint(x: 1, y: 2, time: 50_000), dx: 0, dy: -7))
                == #"{"gesture":"drag","phase":"moved","dx":0,"dy":-7,"x":1,"y":2,"t":0.050}"#)
    }
}
