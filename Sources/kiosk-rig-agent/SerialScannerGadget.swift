import Foundation

/// A serial barcode scanner: a configfs `f_acm` function (a USB CDC-ACM port) on the dummy host
/// controller, which the guest's cdc_acm makes `/dev/ttyACM0`; what is written at the gadget end
/// `/dev/ttyGS0` arrives there, as from a scanner in USB-COM mode.
struct SerialScannerGadget {
    static let root = "/sys/kernel/config/usb_gadget/kiosk-serial-scanner"

    /// Makes the gadget and binds it to `dummy_udc.0` (which no other gadget may hold).
    func plug() throws {
        let text = ConfigfsGadget.text
        try ConfigfsGadget.make(
            root: Self.root, function: "acm.usb0",
            attributes: [
                ("idVendor", text("0x1209")), ("idProduct", text("0x7011")), ("strings/0x409/manufacturer", text("RIG")),
                ("strings/0x409/product", text("Serial Scanner")),
            ])
        try ConfigfsGadget.bind(Self.root, true)
    }

    /// Writes `text` at the gadget end in one write, at the port's full speed.
    func send(_ text: String) throws {
        let fd = try waitUntil("/dev/ttyGS0 opens", seconds: 10) { () -> Int32? in
            let fd = open("/dev/ttyGS0", O_RDWR | O_NOCTTY | O_CLOEXEC)
            return fd >= 0 ? fd : nil
        }
        defer { close(fd) }
        var settings = termios()
        if tcgetattr(fd, &settings) == 0 {
            cfmakeraw(&settings)
            _ = tcsetattr(fd, TCSANOW, &settings)
        }
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { throw AgentError("write /dev/ttyGS0: errno \(errno)") }
        _ = tcdrain(fd)
    }
}
