@testable import KioskRuntime
import KioskCore
import KioskDevices
import Testing

/// The daemon's touchscreen driver on what this machine has: an evemu recording, and a path that
/// is not there yet. Discovery, grabbing and ENODEV need /dev/input nodes this machine lacks.
@Suite struct TouchDeviceTests {
    static let recordings: String = {
        let parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
        return parts.joined(separator: "/") + "/devices/touch/recordings/"
    }()

    @Test func evemuInputReplaysTheRecordingOnceAsGestures() {
        let config = InputConfig(kind: .evemu, path: Self.recordings + "EP0430M09.2-fingers-touch-release.events")
        let device = TouchDevice(config: config, screen: ScreenSize(width: 800, height: 480), stateDirectory: "/nonexistent")
        let gestures = device.housekeeping(now: 1_000_000_000)
        #expect(gestures.map(\.point.tap) == [Tap(x: 252, y: 255)])
        #expect(device.isPresent)
        #expect(device.housekeeping(now: 2_000_000_000).isEmpty)
    }

    @Test func missingDeviceIsRetriedWithBackoffAndReportedMissing() {
        let config = InputConfig(kind: .evdev, path: "/dev/input/by-id/no-such-touchscreen-event-if00")
        let device = TouchDevice(config: config, screen: ScreenSize(width: 800, height: 480), stateDirectory: "/nonexistent")
        #expect(device.housekeeping(now: 0).isEmpty)
        #expect(!device.isPresent)
        #expect(device.summary == "missing")
        #expect(device.pollDescriptor == nil)
    }
}
