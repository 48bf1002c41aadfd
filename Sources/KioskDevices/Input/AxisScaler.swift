import KioskCore

/// Device ↔ screen coordinate scaling: linear, rounded to the nearest unit, clamped to the screen.
///
/// The device's minimum maps to pixel 0 and its maximum to the last pixel, so a screen point sent
/// to the device and back lands on the same pixel whenever the device has at least as many steps
/// as the screen has pixels (true of real touch panels: 0…4095, 0…32767).
public struct AxisScaler: Sendable {
    public let xRange: AxisRange
    public let yRange: AxisRange
    public let screen: ScreenSize

    public init(xRange: AxisRange, yRange: AxisRange, screen: ScreenSize) {
        self.xRange = xRange
        self.yRange = yRange
        self.screen = screen
    }

    /// The screen pixel for a device position; positions outside the range land on the edge.
    public func toScreen(x: Int32, y: Int32) -> (x: Int, y: Int) {
        (Self.scale(x, from: xRange, toPixels: screen.width), Self.scale(y, from: yRange, toPixels: screen.height))
    }

    /// The device position for a screen pixel; pixels outside the screen are clamped to its edge.
    public func toDevice(x: Int, y: Int) -> (x: Int32, y: Int32) {
        (Self.unscale(x, pixels: screen.width, to: xRange), Self.unscale(y, pixels: screen.height, to: yRange))
    }

    private static func scale(_ value: Int32, from range: AxisRange, toPixels pixels: Int) -> Int {
        let span = Int(range.maximum) - Int(range.minimum)
        let lastPixel = pixels - 1
        guard span > 0, lastPixel > 0 else { return 0 }
        let offset = min(max(Int(value) - Int(range.minimum), 0), span)
        return roundedDivision(offset * lastPixel, by: span)
    }

    private static func unscale(_ pixel: Int, pixels: Int, to range: AxisRange) -> Int32 {
        let span = Int(range.maximum) - Int(range.minimum)
        let lastPixel = pixels - 1
        guard span > 0, lastPixel > 0 else { return range.minimum }
        let clamped = min(max(pixel, 0), lastPixel)
        return Int32(Int(range.minimum) + roundedDivision(clamped * span, by: lastPixel))
    }

    /// `numerator / denominator` rounded half up, for a non-negative numerator and positive denominator.
    private static func roundedDivision(_ numerator: Int, by denominator: Int) -> Int {
        (2 * numerator + denominator) / (2 * denominator)
    }
}
