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

    @Test func atmelFastTapsGiveNineTapsWhereTheFingerLanded() throws {
        let recording = try Self.load("Atmel_maXTouch_Touchscreen.1-finger-fast-taps.events")
        let (taps, scaler) = try Self.replay(recording)
        // Nine contacts, tracking ids 3 to 11, each down for 80–110 ms near the panel's centre.
        #expect(taps.count == 9)
        let first = scaler.toScreen(x: 340, y: 242)
        #expect(taps.first == Tap(x: first.x, y: first.y))
        for tap in taps {
            #expect((300...420).contains(tap.x) && (200...280).contains(tap.y), "tap at \(tap)")
        }
    }

    @Test func ep0430DragUpAndDownIsNoTap() throws {
        let recording = try Self.load("EP0430M09.1-finger-drag-up-down.events")
        #expect(try Self.replay(recording).taps.isEmpty)
        // The same finger with a slop wider than the panel would have been a tap: slop is what decides.
        #expect(try Self.replay(recording, slop: 10_000).taps.count == 1)
    }

    @Test func twoFingerRecordingsTapOnceAtTheFirstFinger() throws {
        // EP0430M09: both fingers land in one frame; slot 0 (404, 409) lifts first, slot 1 stays a moment.
        let ep = try Self.replay(Self.load("EP0430M09.2-fingers-touch-release.events"))
        let epFirst = ep.scaler.toScreen(x: 404, y: 409)
        #expect(ep.taps == [Tap(x: epFirst.x, y: epFirst.y)])

        // Atmel: the second finger lands later and lifts first; only the first finger's lift taps.
        let atmel = try Self.replay(Self.load("Atmel_maXTouch_Touchscreen.2-fingers-touch-release.events"))
        #expect(atmel.taps.count == 1)
    }
}
