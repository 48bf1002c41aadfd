#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import KioskDevices
import Testing

private let screen = ScreenSize(width: 1080, height: 1920)
private let range = AxisRange(minimum: 0, maximum: 4095)

@Suite struct CalibrationTests {
    /// Touches where a panel with `truth` would report them for the five usual targets, plus noise.
    static func samples(truth: CalibrationMatrix, noise: Int32) -> [CalibrationSolver.Sample] {
        let transform = TouchTransform(xRange: range, yRange: range, screen: screen, matrix: truth)
        let targets = [(108, 192), (972, 192), (540, 960), (108, 1728), (972, 1728)]
        let jitter: [(Int32, Int32)] = [(1, -1), (-1, 0), (0, 1), (1, 1), (-1, -1)]
        return zip(targets, jitter).map { target, j in
            let device = transform.toDevice(x: target.0, y: target.1)
            return CalibrationSolver.Sample(device: (device.x + j.0 * noise, device.y + j.1 * noise), target: target)
        }
    }

    @Test func knownMatrixIsRecoveredFromNoisyPoints() throws {
        let truth = CalibrationMatrix([1.02, 0.01, -0.015, -0.008, 0.97, 0.02])
        let result = try CalibrationSolver.solve(Self.samples(truth: truth, noise: 4), xRange: range, yRange: range, screen: screen)
        for (found, expected) in zip(result.matrix.values, truth.values) { #expect(abs(found - expected) < 0.005) }
        #expect(result.residualPixels < 3)
    }

    @Test func rotatedPanelIsRecovered() throws {
        let truth = CalibrationMatrix.orientation(TouchOrientation(rotation: 90))
        let result = try CalibrationSolver.solve(Self.samples(truth: truth, noise: 0), xRange: range, yRange: range, screen: screen)
        for (found, expected) in zip(result.matrix.values, truth.values) { #expect(abs(found - expected) < 0.001) }
    }

    @Test func sloppyTouchIsRejected() {
        var samples = Self.samples(truth: .identity, noise: 0)
        samples[2].device = (samples[2].device.x + 400, samples[2].device.y)  // the centre touched 100 px off
        #expect(throws: CalibrationSolver.Failure.self) {
            try CalibrationSolver.solve(samples, xRange: range, yRange: range, screen: screen)
        }
        let line = (0..<5).map { CalibrationSolver.Sample(device: (Int32($0) * 100, 100), target: ($0 * 100, 100)) }
        #expect(throws: CalibrationSolver.Failure.degenerate) {
            try CalibrationSolver.solve(line, xRange: range, yRange: range, screen: screen)
        }
    }

    @Test func rotationsRoundTripAndFourQuarterTurnsAreNone() {
        for rotation in [0, 90, 180, 270] {
            let matrix = CalibrationMatrix.orientation(TouchOrientation(rotation: rotation))
            let transform = TouchTransform(xRange: range, yRange: range, screen: screen, matrix: matrix)
            for point in [(0, 0), (1079, 0), (540, 960), (17, 1900)] {
                let device = transform.toDevice(x: point.0, y: point.1)
                let back = transform.toScreen(x: device.x, y: device.y)
                #expect(abs(back.x - point.0) <= 1 && abs(back.y - point.1) <= 1, "rotation \(rotation) \(point)")
            }
        }
        let quarter = CalibrationMatrix.orientation(TouchOrientation(rotation: 90))
        #expect(quarter.after(quarter).after(quarter).after(quarter) == .identity)
        #expect(CalibrationMatrix.orientation(TouchOrientation(rotation: 180)) == CalibrationMatrix([-1, 0, 1, 0, -1, 1]))
        // The device's top-left corner, rotated 90° clockwise, is the screen's top-right.
        let rotated = TouchTransform(xRange: range, yRange: range, screen: screen, matrix: quarter)
        #expect(rotated.toScreen(x: 0, y: 0) == (1079, 0))
        let swapped = CalibrationMatrix.orientation(TouchOrientation(swapAxes: true, invertX: true))
        #expect(swapped.apply(0.25, 0.75) == (0.25, 0.25))
    }

    @Test func calibrationPersistsInTheStateDirectory() throws {
        try InputTestFiles.withTemporaryDirectory { directory in
            #expect(try CalibrationFile.load(stateDirectory: directory) == nil)
            let matrix = CalibrationMatrix([1.02, 0.01, -0.015, -0.008, 0.97, 0.02])
            try CalibrationFile.save(matrix, stateDirectory: directory)
            #expect(try CalibrationFile.load(stateDirectory: directory) == matrix)

            let fd = open(directory + "/" + CalibrationFile.fileName, O_WRONLY | O_TRUNC)
            try InputTestFiles.writeAll(Array("1 0 0 0 0 0\n".utf8), to: fd)
            close(fd)
            #expect(throws: CalibrationFileError.self) { try CalibrationFile.load(stateDirectory: directory) }
        }
    }
}
