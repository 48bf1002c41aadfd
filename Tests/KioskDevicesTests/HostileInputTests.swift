import CLinux
import KioskCore
import Testing

@testable import KioskDevices

/// Numbers from a device or a recording can be anything: each case here trapped once.
@Suite struct HostileTouchInputTests {
    private static let screen = ScreenSize(width: 1080, height: 1920)
    private static let range = AxisRange(minimum: 0, maximum: 32767)

    private static func feed(_ input: inout TouchInput, _ frames: [[InputEvent]]) -> [Gesture] {
        var gestures: [Gesture] = []
        for (index, frame) in frames.enumerated() {
            for event in frame + [.synReport] {
                if let gesture = input.feed(event, at: Int64(index) * 16_000) { gestures.append(gesture) }
            }
        }
        return gestures
    }

    /// Protocol A contacts at the two ends of Int32: their squared distance needs 65 bits.
    @Test func anonymousContactsAtOppositeEndsOfInt32AreFollowed() {
        var input = TouchInput(transform: TouchTransform(xRange: Self.range, yRange: Self.range, screen: Self.screen))
        let mtReport = InputEvent(type: InputCode.synchronization, code: InputCode.synMTReport, value: 0)
        let gestures = Self.feed(
            &input,
            [
                [.absolute(InputCode.mtPositionX, .min), .absolute(InputCode.mtPositionY, .min), mtReport],
                [.absolute(InputCode.mtPositionX, .max), .absolute(InputCode.mtPositionY, .max), mtReport],
                [mtReport],
            ])
        #expect(input.activeContactCount == 0)
        #expect(gestures.first == .drag(.began, TouchPoint(x: 1079, y: 1919, time: 16_000), dx: 1079, dy: 1919))
    }

    /// With a resolution the slop is measured in device units: Int32.min → Int32.max overflowed Int32.
    @Test func slopInDeviceUnitsAcrossAllOfInt32IsADrag() {
        var input = TouchInput(
            transform: TouchTransform(xRange: Self.range, yRange: Self.range, screen: Self.screen), resolution: (10, 10))
        let gestures = Self.feed(
            &input,
            [
                [.absolute(InputCode.mtTrackingID, 1), .absolute(InputCode.mtPositionX, .min), .absolute(InputCode.mtPositionY, 0)],
                [.absolute(InputCode.mtPositionX, .max)],
                [.absolute(InputCode.mtTrackingID, -1)],
            ])
        #expect(gestures.count == 2)
        #expect(gestures.first == .drag(.began, TouchPoint(x: 1079, y: 0, time: 16_000), dx: 1079, dy: 0))
    }

    /// An evemu recording whose timestamps jump to the ends of Int64 and back replays; times are
    /// clamped to the replay's range.
    @Test func evemuTimestampsAtTheEndsOfInt64Replay() throws {
        let text = """
            A: 35 0 32767 0 0 0
            A: 36 0 32767 0 0 0
            E: -9223372036854775808.000000 0003 0039 0001
            E: -9223372036854775808.000000 0003 0035 16000
            E: -9223372036854775808.000000 0003 0036 16000
            E: -9223372036854775808.000000 0000 0000 0000
            E: 9223372036854775807.999999 0003 0039 -001
            E: 9223372036854775807.999999 0000 0000 0000
            E: 0.000000 0003 0039 0002
            E: 0.000000 0000 0000 0000
            E: 0.-9223372036854775808 0003 0039 -001
            E: 0.-9223372036854775808 0000 0000 0000
            """
        let recording = try EvemuRecording(parsing: text)
        let gestures = try GestureReplay.gestures(recording, setup: GestureReplay.Setup(screen: Self.screen))
        #expect(gestures.count == 3)
        #expect(gestures.allSatisfy { (0...GestureReplay.longestMicroseconds).contains($0.point.time) })
        #expect(gestures.map(GestureReplay.jsonLine).allSatisfy { $0.hasPrefix("{\"gesture\":") })
    }

    /// `feed` without `at:` took `seconds * 1_000_000 + microseconds` unchecked; and a contact that
    /// began at Int64.min and is looked at Int64.max overflowed `time - since`.
    @Test func eventTimesAtTheEndsOfInt64FeedAndAdvanceWithoutTrapping() {
        var input = TouchInput(transform: TouchTransform(xRange: Self.range, yRange: Self.range, screen: Self.screen))
        let stamped = { (seconds: Int64, event: InputEvent) in
            var copy = event
            (copy.seconds, copy.microseconds) = (seconds, seconds)
            return copy
        }
        let down: [InputEvent] = [
            .absolute(InputCode.mtTrackingID, 1), .absolute(InputCode.mtPositionX, 100), .absolute(InputCode.mtPositionY, 100), .synReport,
        ]
        var gestures = down.compactMap { input.feed(stamped(.min, $0)) }
        gestures += input.advance(to: .max)
        let dropped = gestures.contains { if case .contactDropped = $0 { true } else { false } }
        #expect(dropped, "the contact held from the start of time to its end is dropped as stuck: \(gestures)")
        let lift: [InputEvent] = [.absolute(InputCode.mtTrackingID, -1), .synReport]
        gestures += (down + lift).compactMap { input.feed(stamped(.max, $0)) }
        #expect(input.activeContactCount == 0)
    }

    @Test func replayOffsetsSaturateAndClamp() {
        let late = InputEvent(seconds: .max, microseconds: .max, type: 0, code: 0, value: 0)
        let early = InputEvent(seconds: .min, microseconds: .min, type: 0, code: 0, value: 0)
        #expect(late.timeMicroseconds == .max)
        #expect(early.timeMicroseconds == .min)
        #expect(GestureReplay.offset(of: late, since: early.timeMicroseconds) == GestureReplay.longestMicroseconds)
        #expect(GestureReplay.offset(of: early, since: late.timeMicroseconds) == 0)
        #expect(GestureReplay.offset(of: InputEvent(seconds: 2, microseconds: 5, type: 0, code: 0, value: 0), since: 1_000_000) == 1_000_005)
    }

    /// A calibration with huge (finite) values makes ∞ and NaN on the way: the pixel is still on screen.
    @Test func anExtremeCalibrationStillLandsOnTheScreen() {
        let matrix = CalibrationMatrix([1e308, 1e308, 0, -1e308, 1e308, 0])
        let transform = TouchTransform(xRange: Self.range, yRange: Self.range, screen: Self.screen, matrix: matrix)
        for (x, y) in [(Int32.max, Int32.max), (.min, .max), (0, 0), (32767, 0)] {
            let pixel = transform.toScreen(x: x, y: y)
            #expect((0..<1080).contains(pixel.x) && (0..<1920).contains(pixel.y))
        }
        let device = transform.toDevice(x: 1079, y: 1919)
        #expect(Self.range.minimum...Self.range.maximum ~= device.x)
    }
}

@Suite struct HostileScannerInputTests {
    private static func key(_ code: Int32, _ value: Int32, seconds: Int64 = 0) -> InputEvent {
        InputEvent(seconds: seconds, type: InputCode.key, code: UInt16(code), value: value)
    }

    /// A FIFO record's `tv_sec` of Int64.max overflowed `seconds * 1_000_000`.
    @Test func aTimestampAtTheEndsOfInt64DecodesWithoutTrapping() {
        var decoder = KeyboardWedgeDecoder(framing: ScanFraming(suffix: .enter))
        var scans: [RawScan] = []
        for seconds in [Int64.min, 0, .max, .min, .max] {
            scans += decoder.feed(Self.key(KEY_A, 1, seconds: seconds))
            scans += decoder.feed(Self.key(KEY_A, 0, seconds: seconds))
        }
        scans += decoder.feed(Self.key(KEY_ENTER, 1, seconds: .max))
        #expect(scans.map(\.bytes).last == Array("a".utf8), "the last jump forward was a gap: \(scans)")
        #expect(scans.count == 4, "three forward jumps end a scan, backward ones do not, then Enter: \(scans)")
    }

    /// Issue 13: a Shift release lost in a `SYN_DROPPED` left every later code in capitals. After the
    /// drop the decoder is back in a known state, drops the cut scan, and the next code decodes right.
    @Test func afterSynDroppedModifiersAreReleasedAndTheCutScanIsDropped() throws {
        var decoder = KeyboardWedgeDecoder(framing: ScanFraming(suffix: .enter))
        var scans: [RawScan] = []
        // "AB" cut by an overrun: Shift down, 'a', then the kernel dropped Shift up and the rest.
        for event in [Self.key(KEY_LEFTSHIFT, 1), .synReport, Self.key(KEY_A, 1), .synReport, Self.key(KEY_A, 0), .synDropped,
            Self.key(KEY_B, 1), .synReport, .synReport]
        {
            scans += decoder.feed(event)
        }
        // The end of the cut scan arrives after the drop; it must not make a fragment "c".
        for event in [Self.key(KEY_C, 1), .synReport, Self.key(KEY_C, 0), .synReport, Self.key(KEY_ENTER, 1), .synReport] {
            scans += decoder.feed(event)
        }
        #expect(scans.isEmpty, "the cut scan and its tail are dropped: \(scans)")
        let next = try #require(SyntheticScanner.type("bk-7qh2m", startMicroseconds: 1_000_000))
        scans += next.flatMap { decoder.feed($0) }
        #expect(scans.map { String(decoding: $0.bytes, as: UTF8.self) } == ["bk-7qh2m"], "no Shift stuck down")
    }

    /// The frame after the drop is the device's state: a Shift reported held there is held.
    @Test func aModifierHeldInTheResyncFrameIsHeld() {
        var decoder = KeyboardWedgeDecoder(framing: ScanFraming(suffix: .enter))
        var scans: [RawScan] = []
        for event in [Self.key(KEY_LEFTCTRL, 1), .synDropped, .synReport, Self.key(KEY_LEFTSHIFT, 1), Self.key(KEY_Q, 1), .synReport,
            Self.key(KEY_A, 1, seconds: 1), .synReport, Self.key(KEY_ENTER, 1, seconds: 1), .synReport]
        {
            scans += decoder.feed(event)
        }
        #expect(scans.map(\.bytes) == [Array("A".utf8)], "Shift held, Control released, the held Q typed nothing")
    }

    /// A drop with no scan in progress: after the gap the next code is whole.
    @Test func theRuntimesGapEndsTheDiscarding() throws {
        var decoder = KeyboardWedgeDecoder(framing: ScanFraming(suffix: .enter))
        _ = decoder.feed(.synDropped)
        _ = decoder.feed(.synReport)
        _ = decoder.feed(.synReport)
        #expect(decoder.finish() == nil)
        let code = try #require(SyntheticScanner.type("TECH-A1B2"))
        #expect(code.flatMap { decoder.feed($0) }.map(\.bytes) == [Array("TECH-A1B2".utf8)])
    }
}
