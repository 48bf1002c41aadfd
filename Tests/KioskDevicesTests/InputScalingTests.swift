import KioskCore
import KioskDevices
import Testing

@Suite struct InputScalingTests {
    static let portrait = ScreenSize(width: 1080, height: 1920)
    static let landscape = ScreenSize(width: 1920, height: 1080)

    @Test(arguments: [
        (AxisRange(minimum: 0, maximum: 4095), portrait),
        (AxisRange(minimum: 0, maximum: 32767), portrait),
        (AxisRange(minimum: 0, maximum: 4095), landscape),
        (AxisRange(minimum: 120, maximum: 3960), landscape),
    ])
    func everyScreenPointSurvivesARoundTripThroughTheDevice(range: AxisRange, screen: ScreenSize) {
        let scaler = AxisScaler(xRange: range, yRange: range, screen: screen)
        var mismatches: [(Int, Int)] = []
        for x in 0..<screen.width {
            let device = scaler.toDevice(x: x, y: 0)
            let back = scaler.toScreen(x: device.x, y: device.y)
            if back.x != x || back.y != 0 { mismatches.append((x, back.x)) }
        }
        for y in 0..<screen.height {
            let device = scaler.toDevice(x: 0, y: y)
            if scaler.toScreen(x: device.x, y: device.y).y != y { mismatches.append((y, -1)) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test func rangeEndsMapToScreenEdgesAndTheMiddleToTheMiddle() {
        let scaler = AxisScaler(
            xRange: AxisRange(minimum: 0, maximum: 4095), yRange: AxisRange(minimum: 0, maximum: 4095),
            screen: Self.portrait)
        #expect(scaler.toScreen(x: 0, y: 0) == (0, 0))
        #expect(scaler.toScreen(x: 4095, y: 4095) == (1079, 1919))
        #expect(scaler.toScreen(x: 2048, y: 2048) == (540, 960))
        #expect(scaler.toDevice(x: 1079, y: 1919) == (4095, 4095))
    }

    @Test func clampsOutsideTheRangeAndTheScreen() {
        let scaler = AxisScaler(
            xRange: AxisRange(minimum: 100, maximum: 900), yRange: AxisRange(minimum: 100, maximum: 900),
            screen: Self.portrait)
        #expect(scaler.toScreen(x: -50, y: 5000) == (0, 1919))
        #expect(scaler.toDevice(x: -1, y: 99999) == (100, 900))
    }

    @Test func syntheticTapCarriesTheDevicePosition() {
        let scaler = AxisScaler(
            xRange: AxisRange(minimum: 0, maximum: 32767), yRange: AxisRange(minimum: 0, maximum: 32767),
            screen: Self.portrait)
        let device = scaler.toDevice(x: 300, y: 1500)
        let events = SyntheticTouch.tap(x: 300, y: 1500, scaler: scaler, trackingID: 42)
        #expect(events.contains(.absolute(InputCode.mtPositionX, device.x)))
        #expect(events.contains(.absolute(InputCode.mtPositionY, device.y)))
        #expect(events.contains(.absolute(InputCode.mtTrackingID, 42)))
        #expect(events.filter { $0 == .synReport }.count == 2)
        #expect(events.last == .synReport)
    }
}
