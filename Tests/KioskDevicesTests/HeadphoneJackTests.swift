#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("kioskd needs Glibc or Musl")
#endif
import CLinux
import KioskCore
import KioskDevices
import Testing
import KioskSystem

/// The headphone jack's plug switch, read from a FIFO standing in for the jack's evdev device.
@Suite struct HeadphoneJackTests {
    static func plug(_ inserted: Bool) -> [InputEvent] {
        [
            InputEvent(type: UInt16(EV_SW), code: UInt16(SW_HEADPHONE_INSERT), value: inserted ? 1 : 0),
            InputEvent(type: InputCode.synchronization, code: 0, value: 0),
        ]
    }

    @Test func plugsInAndOutAreReadInOrderAndOtherSwitchesIgnored() throws {
        try InputTestFiles.withTemporaryDirectory { directory in
            let path = directory + "/jack.fifo"
            #expect(mkfifo(path, 0o600) == 0)
            let jack = try HeadphoneJack(path: path)
            #expect(try jack.drain().isEmpty)
            let writer = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            try #require(writer >= 0)
            defer { close(writer) }
            // A microphone switch and a key on the same device are not the headphones.
            let others = [
                InputEvent(type: UInt16(EV_SW), code: UInt16(SW_MICROPHONE_INSERT), value: 1),
                InputEvent(type: UInt16(EV_KEY), code: UInt16(SW_HEADPHONE_INSERT), value: 1),
            ]
            try InputTestFiles.writeAll(InputEventCodec.encode(Self.plug(true) + others + Self.plug(false) + Self.plug(true)), to: writer)
            #expect(try jack.drain() == [true, false, true])
            #expect(try jack.drain().isEmpty)
        }
    }

    @Test func aMissingDeviceIsAnErrorNamingIt() throws {
        #expect(throws: SystemCallError.self) { try HeadphoneJack(path: "/nonexistent/jack-event") }
    }
}
