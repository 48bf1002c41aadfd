/// Which device to use when the input `path` is a directory to search (such as `/dev/input`).
/// Empty means the first touchscreen found.
public struct InputMatch: Sendable, Equatable {
    /// Part of the device name (`EVIOCGNAME`), compared without regard to case.
    public var name: String?
    /// `vvvv:pppp`, lowercase hex, as `lsusb` prints it.
    public var vendorProduct: String?

    public init(name: String? = nil, vendorProduct: String? = nil) {
        self.name = name
        self.vendorProduct = vendorProduct
    }
}

/// How the panel is mounted relative to the screen: applied after calibration.
public struct TouchOrientation: Sendable, Equatable {
    /// Clockwise rotation in degrees: 0, 90, 180 or 270.
    public var rotation: Int
    /// Exchange the X and Y axes (before rotating).
    public var swapAxes: Bool
    public var invertX: Bool
    public var invertY: Bool

    public init(rotation: Int = 0, swapAxes: Bool = false, invertX: Bool = false, invertY: Bool = false) {
        self.rotation = rotation
        self.swapAxes = swapAxes
        self.invertX = invertX
        self.invertY = invertY
    }
}

/// Gesture thresholds; see kiosk-config/README.md.
public struct GestureTimings: Sendable, Equatable {
    /// Movement from which a touch is a drag, in millimetres when the panel reports a resolution.
    public var tapSlopMillimetres: Double
    /// The same in screen pixels, for panels without a resolution.
    public var tapSlopPixels: Int
    /// Held this long without moving, a touch is a long press.
    public var longPressMilliseconds: Int
    /// A second tap on the same spot within this window is ignored.
    public var debounceMilliseconds: Int
    /// A contact held this long is a stuck or ghost touch and is dropped.
    public var stuckContactSeconds: Int

    public init(
        tapSlopMillimetres: Double = 4, tapSlopPixels: Int = 24, longPressMilliseconds: Int = 800,
        debounceMilliseconds: Int = 300, stuckContactSeconds: Int = 20
    ) {
        self.tapSlopMillimetres = tapSlopMillimetres
        self.tapSlopPixels = tapSlopPixels
        self.longPressMilliseconds = longPressMilliseconds
        self.debounceMilliseconds = debounceMilliseconds
        self.stuckContactSeconds = stuckContactSeconds
    }
}
