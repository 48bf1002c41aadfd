/// The technician's calibration: from the device positions read while they touched known targets
/// (five, the four corners and the centre, is usual), the matrix that maps the one onto the other
/// by least squares, checked by its residual.
public enum CalibrationSolver {
    /// One touched target.
    public struct Sample: Sendable, Equatable {
        /// Raw device position read while the target was touched.
        public var device: (x: Int32, y: Int32)
        /// The target's screen pixel.
        public var target: (x: Int, y: Int)

        public init(device: (x: Int32, y: Int32), target: (x: Int, y: Int)) {
            self.device = device
            self.target = target
        }

        public static func == (left: Sample, right: Sample) -> Bool {
            left.device == right.device && left.target == right.target
        }
    }

    /// A computed calibration and how well it fits.
    public struct Result: Sendable, Equatable {
        public var matrix: CalibrationMatrix
        /// Root-mean-square distance in screen pixels between the targets and where the matrix puts the touches.
        public var residualPixels: Double
    }

    /// Why a calibration was rejected.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooFewPoints(Int)
        /// The touches lie on a line (or on one spot): no plane can be fitted.
        case degenerate
        /// The touches disagree with the targets by more than allowed: a sloppy or mistaken touch.
        case sloppy(residualPixels: Double, limit: Double)

        public var description: String {
            switch self {
            case .tooFewPoints(let count): "calibration needs at least 3 touched targets, got \(count)"
            case .degenerate: "the touched points lie on a line; touch the targets shown"
            case .sloppy(let residual, let limit):
                "touches miss their targets by \(Int(residual.rounded())) px on average (limit \(Int(limit))); calibrate again"
            }
        }
    }

    /// The least-squares matrix for `samples` on a device with `xRange`/`yRange` and a `screen`.
    /// - Throws: ``Failure`` if there are fewer than 3 points, they are collinear, or the RMS
    ///   residual exceeds `maximumResidualPixels`.
    public static func solve(
        _ samples: [Sample], xRange: AxisRange, yRange: AxisRange, screen: ScreenSize, maximumResidualPixels: Double = 12
    ) throws(Failure) -> Result {
        guard samples.count >= 3 else { throw .tooFewPoints(samples.count) }
        let width = Double(max(screen.width - 1, 1)), height = Double(max(screen.height - 1, 1))
        let rows = samples.map {
            [xRange.fraction($0.device.x), yRange.fraction($0.device.y), 1]
        }
        guard let xRow = leastSquares(rows, samples.map { Double($0.target.x) / width }),
            let yRow = leastSquares(rows, samples.map { Double($0.target.y) / height })
        else { throw .degenerate }
        let matrix = CalibrationMatrix(xRow + yRow)
        guard matrix.values.allSatisfy(\.isFinite), matrix.inverse != nil else { throw .degenerate }
        var squares = 0.0
        for (row, sample) in zip(rows, samples) {
            let point = matrix.apply(row[0], row[1])
            let dx = point.x * width - Double(sample.target.x), dy = point.y * height - Double(sample.target.y)
            squares += dx * dx + dy * dy
        }
        let residual = (squares / Double(samples.count)).squareRoot()
        guard residual.isFinite else { throw .degenerate }
        guard residual <= maximumResidualPixels else { throw .sloppy(residualPixels: residual, limit: maximumResidualPixels) }
        return Result(matrix: matrix, residualPixels: residual)
    }

    /// Solves the normal equations `(AᵀA) p = Aᵀb` for three unknowns; nil if `AᵀA` is singular.
    private static func leastSquares(_ rows: [[Double]], _ targets: [Double]) -> [Double]? {
        var normal = [[Double]](repeating: [0, 0, 0, 0], count: 3)
        for (row, target) in zip(rows, targets) {
            for i in 0..<3 {
                for j in 0..<3 { normal[i][j] += row[i] * row[j] }
                normal[i][3] += row[i] * target
            }
        }
        // Gaussian elimination with partial pivoting on the 3×4 augmented matrix.
        for column in 0..<3 {
            let pivot = (column..<3).max { abs(normal[$0][column]) < abs(normal[$1][column]) } ?? column
            guard abs(normal[pivot][column]) > 1e-12 else { return nil }
            normal.swapAt(column, pivot)
            for row in 0..<3 where row != column {
                let factor = normal[row][column] / normal[column][column]
                for k in column..<4 { normal[row][k] -= factor * normal[column][k] }
            }
        }
        return (0..<3).map { normal[$0][3] / normal[$0][$0] }
    }
}

extension AxisRange {
    /// `value` as a fraction 0…1 of the range (not clamped: calibration may map the edge inwards); 0 for an empty range.
    public func fraction(_ value: Int32) -> Double {
        let span = Double(maximum) - Double(minimum)
        return span > 0 ? (Double(value) - Double(minimum)) / span : 0
    }
}
