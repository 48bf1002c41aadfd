import Foundation

/// A keyboard-wedge barcode scanner: a configfs `f_hid` boot keyboard on the dummy host controller
/// (Documentation/usb/gadget_hid.rst), which the guest's usbhid makes an input device; kioskd grabs it
/// and checks a booking in when the gadget types its code.
struct ScannerScenario {
    static let root = "/sys/kernel/config/usb_gadget/kiosk-scanner"
    /// The boot keyboard report descriptor of gadget_hid.rst.
    static let reportDescriptor: [UInt8] = [
        0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01,
        0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x03, 0x95, 0x05, 0x75, 0x01, 0x05, 0x08, 0x19, 0x01,
        0x29, 0x05, 0x91, 0x02, 0x95, 0x01, 0x75, 0x03, 0x91, 0x03, 0x95, 0x06, 0x75, 0x08, 0x15, 0x00, 0x25, 0x65,
        0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xc0,
    ]
    let rig: String

    func run() throws {
        let name = "scanner-hid"
        let plan = try TapPlan(path: rig + "/touch-plan")
        let code = try String(contentsOfFile: rig + "/booking-code", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try makeGadget()
        let node = try waitUntil("the scanner's input device appears", seconds: 15) { Self.eventNode(named: "RIG Scanner") }
        let panel = try UInputDevice(.multitouch, name: "rig scanner panel")
        defer { _ = panel }
        let directory = "/tmp/\(name)"
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: rig + "/bookings.json", toPath: directory + "/state/bookings.json")
        let kiosk = try GuestKiosk(
            directory: directory, catalogue: rig + "/catalogue.json", screen: plan.screen,
            printer: #"{"kind": "file", "path": "printer.out", "paper": "80mm"}"#,
            scanner: #"{"path": "\#(node)", "transport": "evdev", "suffix": "enter", "gapMilliseconds": 1000}"#)
        var passed = true
        defer {
            kiosk.stop()
            if !passed {
                kiosk.dumpLog(prefix: "RIG-LOG \(name)")
                dumpKernelLog(prefix: "RIG-KERNEL \(name)", containing: ["usb", "hid", "input"])
            }
        }
        _ = try kiosk.waitForLine(containing: "scanner \(node) open", seconds: 30)
        check(&passed, "\(name).booking", Date()) {
            let mark = kiosk.lineCount
            try type(code + "\n", pacedFor: kiosk.pid)
            let line = try kiosk.waitForLine(containing: "booking ", after: mark, seconds: 20).line
            guard line.contains("booking \(code) ") && line.contains("may check in") else {
                throw AgentError("expected booking \(code) to check in: \(line)")
            }
            return "the f_hid keyboard typed \(code) (letters with shift) and kioskd checked it in"
        }
    }

    /// The gadget: a boot keyboard function, bound to `dummy_udc.0` (the printer gadget let go of it first).
    private func makeGadget() throws {
        let printerUDC = PrinterGadget.root + "/UDC"
        if let bound = try? String(contentsOfFile: printerUDC, encoding: .utf8), !bound.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            try PrinterGadget.bind(false)
        }
        let fm = FileManager.default
        let root = Self.root
        for directory in ["", "/strings/0x409", "/functions/hid.usb0", "/configs/c.1"] {
            try fm.createDirectory(atPath: root + directory, withIntermediateDirectories: false)
        }
        try put("0x1209", to: root + "/idVendor")
        try put("0x7010", to: root + "/idProduct")
        try put("RIG", to: root + "/strings/0x409/manufacturer")
        try put("Scanner", to: root + "/strings/0x409/product")
        try put("1", to: root + "/functions/hid.usb0/protocol")
        try put("1", to: root + "/functions/hid.usb0/subclass")
        try put("8", to: root + "/functions/hid.usb0/report_length")
        try put(Data(Self.reportDescriptor), to: root + "/functions/hid.usb0/report_desc")
        try fm.createSymbolicLink(atPath: root + "/configs/c.1/hid.usb0", withDestinationPath: root + "/functions/hid.usb0")
        try put("dummy_udc.0", to: root + "/UDC")
    }

    /// Types `text` as key reports on `/dev/hidg0`: upper-case letters with left shift, Enter for "\n";
    /// after each key, waits until kioskd (`pid`) has read it, so that this slow guest's evdev buffer
    /// never overflows (a scan cut by `SYN_DROPPED` is another check).
    private func type(_ text: String, pacedFor pid: Int32) throws {
        let fd = try waitUntil("/dev/hidg0 opens", seconds: 10) { () -> Int32? in
            let fd = open("/dev/hidg0", O_RDWR | O_CLOEXEC)
            return fd >= 0 ? fd : nil
        }
        defer { close(fd) }
        for character in text.unicodeScalars {
            var modifier: UInt8 = 0, usage: UInt8
            switch character {
            case "A"..."Z": (modifier, usage) = (0x02, UInt8(character.value - 65 + 0x04))
            case "a"..."z": usage = UInt8(character.value - 97 + 0x04)
            case "1"..."9": usage = UInt8(character.value - 49 + 0x1E)
            case "0": usage = 0x27
            case "-": usage = 0x2D
            case "\n": usage = 0x28
            default: throw AgentError("cannot type \(character)")
            }
            for report in [[modifier, 0, usage, 0, 0, 0, 0, 0], [UInt8](repeating: 0, count: 8)] {
                guard write(fd, report, 8) == 8 else { throw AgentError("write /dev/hidg0: errno \(errno)") }
            }
            try waitUntilIdle(pid)
        }
    }

    /// `/dev/input/eventN` of the input device whose name contains `name`.
    private static func eventNode(named name: String) -> String? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/class/input")) ?? []
        for entry in entries where entry.hasPrefix("event") {
            let deviceName = (try? String(contentsOfFile: "/sys/class/input/\(entry)/device/name", encoding: .utf8)) ?? ""
            if deviceName.contains(name), FileManager.default.fileExists(atPath: "/dev/input/\(entry)") { return "/dev/input/\(entry)" }
        }
        return nil
    }

    private func put(_ text: String, to path: String) throws { try put(Data((text + "\n").utf8), to: path) }

    private func put(_ data: Data, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw AgentError("open \(path) for writing") }
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
    }
}
