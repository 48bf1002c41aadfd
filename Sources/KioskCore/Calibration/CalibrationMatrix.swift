/// A touch calibration in libinput's `LIBINPUT_CALIBRATION_MATRIX` convention: six values
/// `a b c d e f` mapping a device position normalised to 0…1 over the device's range onto a
/// normalised screen position, `x' = a·x + b·y + c`, `y' = d·x + e·y + f`
/// (so the translations `c` and `f` are fractions of the range, not device units).
public struct CalibrationMatrix: Sendable, Hashable, CustomStringConvertible {
    /// `[a, b, c, d, e, f]`.
    public let values: [Double]

    /// - Precondition: `values` has six elements.
    public init(_ values: [Double]) {
        precondition(values.count == 6, "a calibration matrix has six values")
        self.values = values
    }

    public static let identity = CalibrationMatrix([1, 0, 0, 0, 1, 0])

    /// The matrix for a panel mounted as `orientation` says: swap, then invert, then rotate clockwise
    /// (libinput's rotation matrices: 90° is `0 -1 1 1 0 0`).
    public static func orientation(_ orientation: TouchOrientation) -> CalibrationMatrix {
        var matrix = identity
        if orientation.swapAxes { matrix = CalibrationMatrix([0, 1, 0, 1, 0, 0]).after(matrix) }
        if orientation.invertX { matrix = CalibrationMatrix([-1, 0, 1, 0, 1, 0]).after(matrix) }
        if orientation.invertY { matrix = CalibrationMatrix([1, 0, 0, 0, -1, 1]).after(matrix) }
        let quarterTurn = CalibrationMatrix([0, -1, 1, 1, 0, 0])
        for _ in 0..<((orientation.rotation / 90) % 4 + 4) % 4 { matrix = quarterTurn.after(matrix) }
        return matrix
    }

    /// Applies the matrix to a normalised point.
    public func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (values[0] * x + values[1] * y + values[2], values[3] * x + values[4] * y + values[5])
    }

    /// This matrix applied after `first`: `self(first(p))`.
    public func after(_ first: CalibrationMatrix) -> CalibrationMatrix {
        let (a, b, c, d, e, f) = (values[0], values[1], values[2], values[3], values[4], values[5])
        let m = first.values
        return CalibrationMatrix([
            a * m[0] + b * m[3], a * m[1] + b * m[4], a * m[2] + b * m[5] + c,
            d * m[0] + e * m[3], d * m[1] + e * m[4], d * m[2] + e * m[5] + f,
        ])
    }

    /// The matrix that undoes this one, or nil if it squashes the plane onto a line.
    public var inverse: CalibrationMatrix? {
        let (a, b, c, d, e, f) = (values[0], values[1], values[2], values[3], values[4], values[5])
        let determinant = a * e - b * d
        guard abs(determinant) > 1e-12 else { return nil }
        let (ia, ib, id, ie) = (e / determinant, -b / determinant, -d / determinant, a / determinant)
        return CalibrationMatrix([ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f)])
    }

    public var isIdentity: Bool { self == .identity }

    /// The six values separated by spaces, as udev's `LIBINPUT_CALIBRATION_MATRIX` property holds them.
    public var description: String { values.map { "\($0)" }.joined(separator: " ") }
}
