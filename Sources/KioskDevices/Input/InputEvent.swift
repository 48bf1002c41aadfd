import CLinux

/// One kernel input event: `struct input_event` from linux/input.h.
public struct InputEvent: Sendable, Hashable {
    /// Seconds part of the kernel timestamp.
    public var seconds: Int64
    /// Microseconds part of the kernel timestamp.
    public var microseconds: Int64
    /// Event type, such as `EV_ABS` (see `InputCode`).
    public var type: UInt16
    /// Event code within the type, such as `ABS_MT_SLOT` (see `InputCode`).
    public var code: UInt16
    public var value: Int32

    public init(seconds: Int64 = 0, microseconds: Int64 = 0, type: UInt16, code: UInt16, value: Int32) {
        self.seconds = seconds
        self.microseconds = microseconds
        self.type = type
        self.code = code
        self.value = value
    }
}

/// Event types and codes the touch path uses, taken from the kernel headers
/// (Documentation/input/event-codes.rst), typed as `InputEvent` stores them.
public enum InputCode {
    public static let synchronization = UInt16(EV_SYN)
    public static let key = UInt16(EV_KEY)
    public static let absolute = UInt16(EV_ABS)

    public static let synReport = UInt16(SYN_REPORT)
    public static let synDropped = UInt16(SYN_DROPPED)
    public static let synMTReport = UInt16(SYN_MT_REPORT)

    public static let buttonTouch = UInt16(BTN_TOUCH)

    public static let absX = UInt16(ABS_X)
    public static let absY = UInt16(ABS_Y)
    public static let mtSlot = UInt16(ABS_MT_SLOT)
    public static let mtTrackingID = UInt16(ABS_MT_TRACKING_ID)
    public static let mtPositionX = UInt16(ABS_MT_POSITION_X)
    public static let mtPositionY = UInt16(ABS_MT_POSITION_Y)
    /// Highest `ABS_*` code (`ABS_MAX`) and highest `KEY_*`/`BTN_*` code (`KEY_MAX`).
    public static let absMax = UInt16(ABS_MAX)
    public static let keyMax = UInt16(KEY_MAX)

    /// `INPUT_PROP_DIRECT`: the device's surface is the screen (a touchscreen, not a touchpad).
    public static let propertyDirect = UInt16(INPUT_PROP_DIRECT)
}

extension InputEvent {
    /// An event of type `EV_ABS`.
    public static func absolute(_ code: UInt16, _ value: Int32) -> InputEvent {
        InputEvent(type: InputCode.absolute, code: code, value: value)
    }

    /// An event of type `EV_KEY`; `value` is 1 for press and 0 for release.
    public static func key(_ code: UInt16, _ value: Int32) -> InputEvent {
        InputEvent(type: InputCode.key, code: code, value: value)
    }

    /// `SYN_REPORT`: the end of one frame of events.
    public static let synReport = InputEvent(type: InputCode.synchronization, code: InputCode.synReport, value: 0)

    /// `SYN_DROPPED`: the kernel's buffer overran and events were lost.
    public static let synDropped = InputEvent(type: InputCode.synchronization, code: InputCode.synDropped, value: 0)
}
