import CLinux
import Glibc
import KioskCore
import KioskDevices
import Testing

@testable import KioskRuntime
import KioskSystem

/// A pseudo-terminal in raw mode standing in for an evdev node: the kernel passes the event
/// bytes through unchanged, and closing the master makes the node vanish as an unplugged device does.
private final class UnpluggableDevice {
    private var master: Int32
    let path: String

    init() throws {
        var name = [CChar](repeating: 0, count: 128)
        master = clinux_open_pseudo_terminal(&name, name.count)
        guard master >= 0 else { throw SystemCallError(call: "posix_openpt", subject: "pty", errno: errno) }
        path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let slave = open(path, O_RDWR | O_NOCTTY)
        var settings = termios()
        tcgetattr(slave, &settings)
        cfmakeraw(&settings)
        tcsetattr(slave, TCSANOW, &settings)
        close(slave)
    }

    func send(_ events: [InputEvent]) {
        let bytes = InputEventCodec.encode(events)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    func unplug() {
        close(master)
        master = -1
    }

    deinit { if master >= 0 { close(master) } }
}

@Test func unpluggingWhileTouchingLeavesNoStuckContactAndTheKioskRunsOn() throws {
    let device = try UnpluggableDevice()
    let screen = ScreenSize(width: 1080, height: 1920)
    let range = AxisRange(minimum: 0, maximum: 32767)
    let touch = TouchDevice(
        config: InputConfig(kind: .evdev, path: device.path, xRange: range, yRange: range), screen: screen,
        stateDirectory: "/nonexistent")
    #expect(touch.housekeeping(now: 1_000_000_000).isEmpty)
    #expect(touch.isPresent, "the device node opened")

    let tap = SyntheticTouch.tap(
        x: 540, y: 960, scaler: AxisScaler(xRange: range, yRange: range, screen: screen), trackingID: 1)
    let down = Array(tap.prefix { !($0.type == InputCode.synchronization && $0.code == InputCode.synReport) }) + [.synReport]
    device.send(down)
    var reader = pollfd(fd: try #require(touch.pollDescriptor), events: Int16(POLLIN), revents: 0)
    try #require(poll(&reader, 1, 5_000) == 1, "the finger's events reached the node")
    #expect(touch.read(now: 1_100_000_000).isEmpty, "finger down: no gesture yet")

    device.unplug()
    #expect(touch.read(now: 1_200_000_000).isEmpty, "the lost contact makes no tap")
    #expect(!touch.isPresent)
    #expect(touch.summary == "missing")
    #expect(touch.pollDescriptor == nil)

    // Long after, nothing is held down: no stuck contact, no phantom gesture while it is away.
    #expect(touch.housekeeping(now: 60_000_000_000).isEmpty)
    #expect(!touch.isPresent, "the node is gone; it is retried with backoff")
}

@Test func aSerialScannerThatHangsUpIsReportedGone() throws {
    let device = try UnpluggableDevice()
    let port = try SerialScannerPort(path: device.path, baud: 9600)
    device.unplug()
    #expect(throws: SystemCallError.self) { try port.readAvailable() }
}
