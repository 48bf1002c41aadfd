import Foundation
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

    /// Issue 13: the driver computed a recording's times as `seconds * 1_000_000 + …` unchecked, so
    /// a hostile recording trapped kioskd; its offsets are now saturated and clamped.
    @Test func evemuRecordingWithTimestampsAtTheEndsOfInt64Replays() throws {
        let path = NSTemporaryDirectory() + "hostile-\(UInt64.random(in: 0...UInt64.max)).events"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
            A: 35 0 4095 0 0 0
            A: 36 0 4095 0 0 0
            E: -9223372036854775808.000000 0003 0039 0007
            E: -9223372036854775808.000000 0003 0035 2048
            E: -9223372036854775808.000000 0003 0036 2048
            E: -9223372036854775808.000000 0000 0000 0000
            E: 9223372036854775807.999999 0003 0039 -001
            E: 9223372036854775807.999999 0000 0000 0000
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = InputConfig(kind: .evemu, path: path)
        let device = TouchDevice(config: config, screen: ScreenSize(width: 800, height: 480), stateDirectory: "/nonexistent")
        let gestures = device.housekeeping(now: 1_000_000_000)
        #expect(device.isPresent)
        #expect(!gestures.isEmpty, "the touch is replayed (held ten years at most, so a stuck contact): \(gestures)")
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
