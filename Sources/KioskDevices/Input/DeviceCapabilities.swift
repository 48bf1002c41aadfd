import KioskCore

/// What an input device says it can do: the `EVIOCGBIT` bitmasks per event type and the
/// `EVIOCGPROP` property bitmask, as little-endian byte arrays (the layout the kernel and
/// evemu's `B:` and `P:` lines use: bit `n` is bit `n % 8` of byte `n / 8`).
public struct DeviceCapabilities: Sendable, Equatable {
    /// Code bitmasks by event type (`EV_KEY`, `EV_ABS`, …); type 0 holds the event types themselves.
    public var bits: [UInt16: [UInt8]]
    /// `INPUT_PROP_*` bits.
    public var properties: [UInt8]

    public init(bits: [UInt16: [UInt8]] = [:], properties: [UInt8] = []) {
        self.bits = bits
        self.properties = properties
    }

    /// True if the device reports `code` of event `type`.
    public func has(_ type: UInt16, _ code: UInt16) -> Bool { Self.isSet(code, in: bits[type] ?? []) }

    /// True if the device has property `property` (e.g. `InputCode.propertyDirect`).
    public func hasProperty(_ property: UInt16) -> Bool { Self.isSet(property, in: properties) }

    /// How the device reports touches, or nil if it is not a touchscreen: a touchscreen has
    /// `INPUT_PROP_DIRECT` and either `ABS_MT_POSITION_X`/`Y` or `ABS_X`/`Y` with `BTN_TOUCH`.
    /// Touchpads, mice and keyboards lack `INPUT_PROP_DIRECT` or the axes.
    public var touchscreenKind: TouchscreenKind? {
        guard hasProperty(InputCode.propertyDirect) else { return nil }
        let abs = InputCode.absolute
        if has(abs, InputCode.mtPositionX) && has(abs, InputCode.mtPositionY) {
            return has(abs, InputCode.mtSlot) ? .multitouchSlots : .multitouchAnonymous
        }
        if has(abs, InputCode.absX) && has(abs, InputCode.absY) && has(InputCode.key, InputCode.buttonTouch) {
            return .singleTouch
        }
        return nil
    }

    /// The axes that carry a touch's position: `ABS_MT_POSITION_X`/`Y` on a multitouch touchscreen,
    /// `ABS_X`/`ABS_Y` on a single-touch one; nil if the device is not a touchscreen.
    public var touchPositionAxes: (x: UInt16, y: UInt16)? {
        switch touchscreenKind {
        case .multitouchSlots, .multitouchAnonymous: (InputCode.mtPositionX, InputCode.mtPositionY)
        case .singleTouch: (InputCode.absX, InputCode.absY)
        case nil: nil
        }
    }

    /// Sets bit `code` in `bytes`, growing it as needed; for building masks in tests and recordings.
    public static func set(_ code: UInt16, in bytes: inout [UInt8]) {
        let index = Int(code) / 8
        if bytes.count <= index { bytes += [UInt8](repeating: 0, count: index + 1 - bytes.count) }
        bytes[index] |= 1 << (code % 8)
    }

    private static func isSet(_ code: UInt16, in bytes: [UInt8]) -> Bool {
        let index = Int(code) / 8
        return index < bytes.count && bytes[index] & (1 << (code % 8)) != 0
    }
}

/// The multitouch protocol a touchscreen speaks (Documentation/input/multi-touch-protocol.rst).
public enum TouchscreenKind: String, Sendable {
    /// Protocol B: `ABS_MT_SLOT` and tracking ids.
    case multitouchSlots = "multitouch-b"
    /// Protocol A: anonymous contacts separated by `SYN_MT_REPORT`.
    case multitouchAnonymous = "multitouch-a"
    /// `ABS_X`/`ABS_Y` and `BTN_TOUCH` only.
    case singleTouch = "single-touch"
}

/// Who a device is: `EVIOCGNAME` and `EVIOCGID`.
public struct DeviceIdentity: Sendable, Equatable {
    public var name: String
    public var bus: UInt16
    public var vendor: UInt16
    public var product: UInt16
    public var version: UInt16

    public init(name: String, bus: UInt16 = 0, vendor: UInt16 = 0, product: UInt16 = 0, version: UInt16 = 0) {
        self.name = name
        self.bus = bus
        self.vendor = vendor
        self.product = product
        self.version = version
    }

    /// `vvvv:pppp` in lowercase hex, as `lsusb` prints it.
    public var vendorProduct: String { Self.hex4(vendor) + ":" + Self.hex4(product) }

    private static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// One axis as `EVIOCGABS` reports it: range, and resolution in units per millimetre (0 when unknown).
public struct AxisInfo: Sendable, Equatable {
    public var range: AxisRange
    public var resolution: Int32

    public init(range: AxisRange, resolution: Int32 = 0) {
        self.range = range
        self.resolution = resolution
    }
}

/// Picks the touchscreen the kiosk uses among the devices it found.
public enum TouchscreenSelector {
    /// A device seen during discovery.
    public struct Candidate: Sendable, Equatable {
        public var path: String
        public var identity: DeviceIdentity
        public var capabilities: DeviceCapabilities

        public init(path: String, identity: DeviceIdentity, capabilities: DeviceCapabilities) {
            self.path = path
            self.identity = identity
            self.capabilities = capabilities
        }
    }

    /// The first candidate (in path order, `event2` before `event10`) that is a touchscreen and
    /// satisfies `match`: name containing `match.name` (case-insensitive) and vendor:product equal
    /// to `match.vendorProduct`, each only when given.
    public static func choose(_ candidates: [Candidate], match: InputMatch) -> Candidate? {
        candidates
            .sorted { naturalOrder($0.path, $1.path) }
            .first { candidate in
                guard candidate.capabilities.touchscreenKind != nil else { return false }
                if let name = match.name, !candidate.identity.name.lowercased().contains(name.lowercased()) {
                    return false
                }
                if let pair = match.vendorProduct, candidate.identity.vendorProduct != pair.lowercased() { return false }
                return true
            }
    }

    /// `event2` before `event10`: compares the trailing numbers, then the text.
    private static func naturalOrder(_ left: String, _ right: String) -> Bool {
        func split(_ path: String) -> (String, Int) {
            let digits = path.reversed().prefix { $0.isNumber }
            return (String(path.dropLast(digits.count)), Int(String(digits.reversed())) ?? -1)
        }
        let (l, r) = (split(left), split(right))
        return l.0 == r.0 ? l.1 < r.1 : left < right
    }
}
