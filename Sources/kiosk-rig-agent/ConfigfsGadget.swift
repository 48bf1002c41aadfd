import Foundation

/// A configfs USB gadget with one function (Documentation/usb/gadget_configfs.rst), on the dummy
/// host controller: what the guest's usbcore enumerates when it is bound to `dummy_udc.0`.
enum ConfigfsGadget {
    /// Makes the gadget at `root` (`/sys/kernel/config/usb_gadget/NAME`) with `function` (such as
    /// `hid.usb0`), `attributes` written under the gadget (`idVendor`, `strings/0x409/product`,
    /// `functions/hid.usb0/protocol`, …) in order, and the function linked into configuration `c.1`.
    static func make(root: String, function: String, attributes: [(String, Data)]) throws {
        for directory in ["", "/strings/0x409", "/functions/" + function, "/configs/c.1"] {
            try FileManager.default.createDirectory(atPath: root + directory, withIntermediateDirectories: false)
        }
        for (name, value) in attributes { try put(value, to: root + "/" + name) }
        try FileManager.default.createSymbolicLink(atPath: root + "/configs/c.1/" + function, withDestinationPath: root + "/functions/" + function)
    }

    /// An attribute's text value, as `echo` writes it.
    static func text(_ value: String) -> Data { Data((value + "\n").utf8) }

    /// Binds the gadget at `root` to `dummy_udc.0` (plugged in) or unbinds it (unplugged).
    static func bind(_ root: String, _ bound: Bool) throws {
        try put(text(bound ? "dummy_udc.0" : ""), to: root + "/UDC")
    }

    static func put(_ data: Data, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw AgentError("open \(path) for writing") }
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
    }
}
