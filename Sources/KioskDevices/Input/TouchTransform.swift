import KioskCore

/// Device position → screen pixel: normalise over the device's axis ranges, apply the calibration
/// matrix, scale to the screen, round and clamp. With the identity matrix it is exactly ``AxisScaler``.
public struct TouchTransform: Sendable {
    public let scaler: AxisScaler
    public let matrix: CalibrationMatrix
    private let inverse: CalibrationMatrix

    /// - Precondition: `matrix` is invertible (the config reader and the calibration routine check it).
    public init(xRange: AxisRange, yRange: AxisRange, screen: ScreenSize, matrix: CalibrationMatrix = .identity) {
        self.scaler = AxisScaler(xRange: xRange, yRange: yRange, screen: screen)
        self.matrix = matrix
        guard let inverse = matrix.inverse else { preconditionFailure("calibration matrix \(matrix) is not invertible") }
        self.inverse = inverse
    }

    /// The screen pixel for a device position.
    public func toScreen(x: Int32, y: Int32) -> (x: Int, y: Int) {
        if matrix.isIdentity { return scaler.toScreen(x: x, y: y) }
        let mapped = matrix.apply(Self.normalise(x, scaler.xRange), Self.normalise(y, scaler.yRange))
        return (Self.pixel(mapped.x, scaler.screen.width), Self.pixel(mapped.y, scaler.screen.height))
    }

    /// The device position that lands on screen pixel (`x`, `y`): for writing synthetic touches.
    public func toDevice(x: Int, y: Int) -> (x: Int32, y: Int32) {
        if matrix.isIdentity { return scaler.toDevice(x: x, y: y) }
        let width = max(scaler.screen.width - 1, 1), height = max(scaler.screen.height - 1, 1)
        let device = inverse.apply(Double(x) / Double(width), Double(y) / Double(height))
        return (Self.deviceValue(device.x, scaler.xRange), Self.deviceValue(device.y, scaler.yRange))
    }

    /// `value` as a fraction 0…1 of `range` (not clamped: calibration may map the edge inwards).
    static func normalise(_ value: Int32, _ range: AxisRange) -> Double { range.fraction(value) }

    private static func pixel(_ fraction: Double, _ pixels: Int) -> Int {
        let last = max(pixels - 1, 0)
        return Int(clamped((fraction * Double(last)).rounded(), 0, Double(last)))
    }

    private static func deviceValue(_ fraction: Double, _ range: AxisRange) -> Int32 {
        let span = Double(range.maximum) - Double(range.minimum)
        let value = (Double(range.minimum) + fraction * span).rounded()
        return Int32(clamped(value, Double(range.minimum), Double(range.maximum)))
    }

    /// `value` within `low…high`, and `low` for NaN (an extreme matrix can make ∞ − ∞), so the
    /// integer conversion after it cannot trap.
    private static func clamped(_ value: Double, _ low: Double, _ high: Double) -> Double {
        value.isNaN ? low : min(max(value, low), high)
    }
}
