import CLinux
import KioskCore
import Testing

import KioskDevices

/// The resync after `SYN_DROPPED` and the choice of position axes, as the VM rig's real kernel showed
/// them to matter (issue 13): the kernel answers `EVIOCGABS` for every axis of a device that has
/// any absolute axis, with zeros for the axes it lacks.
@Suite struct ResyncFrameTests {
    private static func capabilities(_ axes: [UInt16]) -> DeviceCapabilities {
        var abs: [UInt8] = [], keys: [UInt8] = [], properties: [UInt8] = []
        for axis in axes { DeviceCapabilities.set(axis, in: &abs) }
        DeviceCapabilities.set(InputCode.buttonTouch, in: &keys)
        DeviceCapabilities.set(InputCode.propertyDirect, in: &properties)
        return DeviceCapabilities(bits: [InputCode.absolute: abs, InputCode.key: keys], properties: properties)
    }

    private static let singleTouch = capabilities([InputCode.absX, InputCode.absY])
    private static let multitouch = capabilities([
        InputCode.absX, InputCode.absY, InputCode.mtSlot, InputCode.mtTrackingID, InputCode.mtPositionX,
        InputCode.mtPositionY,
    ])

    /// A kernel's answers: `values` for the axes named, zeros for every other axis (never a failure).
    private static func kernel(_ values: [UInt16: Int32], touching: Bool, ids: [Int32] = []) -> ResyncFrame.Answers {
        ResyncFrame.Answers(
            axis: { code in (values[code] ?? 0, code == InputCode.mtSlot ? 9 : 0) },
            slots: { code, count in code == InputCode.mtTrackingID ? ids : [Int32](repeating: 0, count: count) },
            touching: touching)
    }

    @Test func singleTouchResyncHasNoMultitouchEvents() {
        let frame = ResyncFrame.events(
            capabilities: Self.singleTouch, answers: Self.kernel([InputCode.absX: 700, InputCode.absY: 900], touching: false))
        #expect(frame == [.absolute(InputCode.absX, 700), .absolute(InputCode.absY, 900), .key(InputCode.buttonTouch, 0)])
    }

    @Test func singleTouchPanelStillTapsAfterSynDroppedAndResync() {
        let range = AxisRange(minimum: 200, maximum: 3900)
        var input = TouchInput(xRange: range, yRange: range, screen: ScreenSize(width: 1080, height: 1920))
        let tap: [InputEvent] = [
            .absolute(InputCode.absX, 1000), .absolute(InputCode.absY, 2000), .key(InputCode.buttonTouch, 1), .synReport,
            .key(InputCode.buttonTouch, 0), .synReport,
        ]
        let resync = ResyncFrame.events(
            capabilities: Self.singleTouch, answers: Self.kernel([InputCode.absX: 1000, InputCode.absY: 2000], touching: true))
        let dropped: [InputEvent] = [.synDropped, .synReport] + resync + [.synReport, .key(InputCode.buttonTouch, 0), .synReport]
        #expect(dropped.compactMap { input.feed($0) }.isEmpty, "the finger held through the drop makes no tap")
        #expect(tap.compactMap { input.feed($0)?.tapped }.count == 1, "the next tap works")
    }

    @Test func multitouchResyncRestoresEverySlotAndTheCurrentOne() {
        let frame = ResyncFrame.events(
            capabilities: Self.multitouch, answers: Self.kernel([InputCode.mtSlot: 0], touching: true, ids: [12]))
        let slotEvents = frame.filter { $0.code == InputCode.mtSlot }
        #expect(slotEvents.count == 11, "slots 0...9, then the current slot")
        #expect(frame.contains(.absolute(InputCode.mtTrackingID, 12)))
        #expect(frame.filter { $0 == .absolute(InputCode.mtTrackingID, -1) }.count == 9, "missing ids are empty slots")
        #expect(frame.last == .key(InputCode.buttonTouch, 1))
    }

    @Test func positionAxesFollowTheKindNotWhatEVIOCGABSAnswers() {
        #expect(Self.singleTouch.touchPositionAxes.map { [$0.x, $0.y] } == [InputCode.absX, InputCode.absY])
        #expect(Self.multitouch.touchPositionAxes.map { [$0.x, $0.y] } == [InputCode.mtPositionX, InputCode.mtPositionY])
        #expect(Self.capabilities([InputCode.absX]).touchPositionAxes == nil)
    }
}

/// kioskd restarted on a panel the kernel already holds values for: the first touch at an unchanged
/// X carries no `ABS_MT_POSITION_X` (issue 13, seen on a real uinput panel in the VM rig).
@Suite struct TouchStartStateTests {
    private static let range = AxisRange(minimum: 0, maximum: 1079)
    private static let screen = ScreenSize(width: 1080, height: 1080)
    private static let firstTouch: [InputEvent] = [
        .absolute(InputCode.mtTrackingID, 7), .absolute(InputCode.mtPositionY, 700), .key(InputCode.buttonTouch, 1),
        .synReport, .absolute(InputCode.mtTrackingID, -1), .key(InputCode.buttonTouch, 0), .synReport,
    ]
    /// The state `currentState()` reads from such a panel: slot 0 empty, last X 500, Y 600.
    private static let opened: [InputEvent] = [
        .absolute(InputCode.mtSlot, 0), .absolute(InputCode.mtPositionX, 500), .absolute(InputCode.mtPositionY, 600),
        .absolute(InputCode.mtTrackingID, -1), .absolute(InputCode.mtSlot, 0), .key(InputCode.buttonTouch, 0),
    ]

    @Test func theFirstTouchKeepsTheXTheKernelDidNotRepeat() {
        var input = TouchInput(xRange: Self.range, yRange: Self.range, screen: Self.screen)
        input.start(from: Self.opened, at: 0)
        let taps = Self.firstTouch.compactMap { input.feed($0)?.tapped }
        #expect(taps == [Tap(x: 500, y: 700)])
    }

    @Test func aFingerAlreadyDownWhenOpenedMakesNoTap() {
        var input = TouchInput(xRange: Self.range, yRange: Self.range, screen: Self.screen)
        var down = Self.opened
        down[3] = .absolute(InputCode.mtTrackingID, 3)
        input.start(from: down + [.key(InputCode.buttonTouch, 1)], at: 0)
        let lift: [InputEvent] = [.absolute(InputCode.mtTrackingID, -1), .key(InputCode.buttonTouch, 0), .synReport]
        #expect(lift.compactMap { input.feed($0) }.isEmpty)
        #expect(Self.firstTouch.compactMap { input.feed($0)?.tapped } == [Tap(x: 500, y: 700)])
    }

    /// Issue 13: `EVIOCGKEY` was asked for `BTN_TOUCH` only, so a scanner's Shift held across a
    /// `SYN_DROPPED` was forgotten: the resync frame now says which modifiers the device holds.
    @Test func aKeyboardsHeldShiftIsInItsResyncFrameAndTypesCapitals() throws {
        var keys: [UInt8] = []
        for key in [KEY_A, KEY_ENTER, KEY_LEFTSHIFT, KEY_RIGHTSHIFT, KEY_LEFTCTRL] { DeviceCapabilities.set(UInt16(key), in: &keys) }
        let keyboard = DeviceCapabilities(bits: [InputCode.key: keys])
        let held: Set<UInt16> = [UInt16(KEY_LEFTSHIFT), UInt16(KEY_A)]
        let answers = ResyncFrame.Answers(axis: { _ in nil }, slots: { _, _ in [] }, touching: false, keyDown: { held.contains($0) })
        let frame = ResyncFrame.events(capabilities: keyboard, answers: answers)
        #expect(frame == [.key(UInt16(KEY_LEFTSHIFT), 1)], "only modifiers; a held letter types nothing")

        // The decoder, fed as EvdevReader feeds it after a drop, keeps Shift held for the next scan.
        var decoder = KeyboardWedgeDecoder(framing: ScanFraming(suffix: .enter))
        var scans: [RawScan] = []
        for event in [.synDropped, .synReport] + frame + [.synReport] { scans += decoder.feed(event) }
        let later = { (code: Int32, value: Int32) in InputEvent(seconds: 5, type: InputCode.key, code: UInt16(code), value: value) }
        for event in [later(KEY_A, 1), .synReport, later(KEY_A, 0), .synReport, later(KEY_ENTER, 1), .synReport] {
            scans += decoder.feed(event)
        }
        #expect(scans.map(\.bytes) == [Array("A".utf8)])
    }
}
