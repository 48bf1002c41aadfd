import CLinux
import Foundation

/// A two-finger HID multitouch panel made through `/dev/uhid` (Documentation/hid/uhid.rst). The
/// report descriptor is a Windows-style digitizer (Touch Screen, a Finger collection per contact with
/// Tip Switch, Contact Identifier, X and Y, then Contact Count), so the kernel's hid-core puts it in
/// the multitouch group and hid-multitouch binds it: the kernel, not this agent, assigns the slots
/// and tracking ids kioskd reads.
final class HIDTouchPanel: TouchPanel {
    let name: String
    static let maximum: Int32 = 4095
    private var fd: Int32

    /// Report 1: per finger 1 byte tip switch (+7 bits padding), 1 byte contact id, 16-bit X and Y;
    /// then an 8-bit contact count.
    static let reportDescriptor: [UInt8] = {
        let finger: [UInt8] = [
            0x05, 0x0D, 0x09, 0x22, 0xA1, 0x02,  // Usage Page (Digitizer), Usage (Finger), Collection (Logical)
            0x75, 0x01, 0x95, 0x01, 0x15, 0x00, 0x25, 0x01, 0x09, 0x42, 0x81, 0x02,  // Tip Switch: 1 bit
            0x75, 0x07, 0x25, 0x7F, 0x81, 0x03,  // 7 bits padding
            0x75, 0x08, 0x26, 0xFF, 0x00, 0x09, 0x51, 0x81, 0x02,  // Contact Identifier: 8 bits
            0x75, 0x10, 0x26, 0xFF, 0x0F, 0x35, 0x00, 0x46, 0xFF, 0x0F,  // 16 bits, 0...4095
            0x05, 0x01, 0x09, 0x30, 0x81, 0x02, 0x09, 0x31, 0x81, 0x02,  // X, then Y: a field each
            0xC0,
        ]
        return [0x05, 0x0D, 0x09, 0x04, 0xA1, 0x01, 0x85, 0x01]  // Digitizer, Touch Screen, Application, Report ID 1
            + finger + finger
            + [0x05, 0x0D, 0x09, 0x54, 0x25, 0x7F, 0x75, 0x08, 0x95, 0x01, 0x81, 0x02]  // Contact Count
            + [0xC0]
    }()

    /// Creates the device (bus USB, 1209:7012); hid-multitouch makes its input device.
    init(name: String) throws {
        self.name = name
        fd = open("/dev/uhid", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw AgentError("open /dev/uhid: errno \(errno)") }
        let descriptor = Self.reportDescriptor
        guard clinux_uhid_create(fd, name, descriptor, descriptor.count, UInt16(BUS_USB), 0x1209, 0x7012) == 0 else {
            let error = errno
            Glibc.close(fd)
            throw AgentError("UHID_CREATE2: errno \(error)")
        }
    }

    deinit { unplug() }

    /// `UHID_DESTROY` and close.
    func unplug() {
        guard fd >= 0 else { return }
        _ = clinux_uhid_destroy(fd)
        Glibc.close(fd)
        fd = -1
    }

    /// `/dev/input/eventN` of the input device hid-multitouch made, and the driver bound to it. Then
    /// one report with no contact, as a panel sends when idle: the kernel's first multitouch frame
    /// after its slots are set up finds every slot taken (`input_mt_get_slot_by_key`: a slot counts
    /// as used in the frame it was last touched, and all start in frame 0), so a first touch would be lost.
    func eventNode() throws -> (node: String, driver: String) {
        let found = try waitUntil("\(name) has an event node", seconds: 15) { () -> (String, String)? in
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/class/input")) ?? []
            for entry in entries where entry.hasPrefix("event") {
                let device = "/sys/class/input/\(entry)/device"
                guard (try? String(contentsOfFile: device + "/name", encoding: .utf8))?.hasPrefix(name) == true,
                    FileManager.default.fileExists(atPath: "/dev/input/" + entry)
                else { continue }
                let driver = (try? FileManager.default.destinationOfSymbolicLink(atPath: device + "/device/driver")) ?? "none"
                return ("/dev/input/" + entry, URL(fileURLWithPath: driver).lastPathComponent)
            }
            return nil
        }
        try report([])
        return found
    }

    /// One input report: up to two contacts `(id, x, y, touching)`. A contact that lifts is reported once
    /// more with its id and the tip switch off, as a panel does; Contact Count counts the contacts in
    /// the report, lifting ones included.
    func report(_ contacts: [(id: UInt8, x: Int32, y: Int32, touching: Bool)]) throws {
        var bytes: [UInt8] = [1]
        for index in 0..<2 {
            if index < contacts.count {
                let contact = contacts[index]
                bytes += [contact.touching ? 1 : 0, contact.id, UInt8(contact.x & 0xFF), UInt8(contact.x >> 8), UInt8(contact.y & 0xFF), UInt8(contact.y >> 8)]
            } else {
                bytes += [0, 0, 0, 0, 0, 0]
            }
        }
        bytes.append(UInt8(contacts.count))
        guard clinux_uhid_input(fd, bytes, bytes.count) == 0 else { throw AgentError("UHID_INPUT2: errno \(errno)") }
    }

    /// The device position of screen pixel (`x`, `y`).
    func devicePosition(x: Int, y: Int, screen: (width: Int, height: Int)) -> (x: Int32, y: Int32) {
        func scale(_ pixel: Int, _ pixels: Int) -> Int32 { Int32((2 * pixel * Int(Self.maximum) + pixels - 1) / (2 * (pixels - 1))) }
        return (scale(x, screen.width), scale(y, screen.height))
    }

    /// A tap at screen pixel (`x`, `y`): contact 5 down, then no contact.
    func tap(x: Int, y: Int, screen: (width: Int, height: Int)) throws {
        let position = devicePosition(x: x, y: y, screen: screen)
        try report([(5, position.x, position.y, true)])
        try report([(5, position.x, position.y, false)])
    }
}

/// Something a citizen taps: a uinput or a uhid panel.
protocol TouchPanel {
    func tap(x: Int, y: Int, screen: (width: Int, height: Int)) throws
}

extension UInputDevice: TouchPanel {}
