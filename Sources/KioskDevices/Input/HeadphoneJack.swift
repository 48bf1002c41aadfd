import CLinux
import KioskCore

/// The headphone jack's switch as the input layer reports it: ALSA's HD-audio driver gives each jack an
/// evdev device ("HDA Intel PCH Headphone"), whose `EV_SW` / `SW_HEADPHONE_INSERT` event says a plug went
/// in (1) or came out (0). A FIFO of `struct input_event` records stands in for it in tests.
public final class HeadphoneJack {
    private let reader: EvdevReader

    /// Opens the jack's device (or FIFO) at `path` without blocking.
    /// - Throws: `SystemCallError` naming the failed call, the path and errno.
    public init(path: String) throws { reader = try EvdevReader(path: path, createFIFO: false) }

    /// The descriptor to `poll()`.
    public var pollDescriptor: Int32 { reader.fileDescriptor }

    /// Plugs in (true) and out (false) readable now, in order.
    /// - Throws: `SystemCallError` when the device has gone.
    public func drain() throws -> [Bool] { Self.plugs(try reader.readAvailable()) }

    /// The jack's plug events among `events` (the rest of what such a device reports is not the jack's).
    public static func plugs(_ events: [InputEvent]) -> [Bool] {
        events.compactMap { event in
            event.type == UInt16(EV_SW) && event.code == UInt16(SW_HEADPHONE_INSERT) ? event.value != 0 : nil
        }
    }
}
