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
        // A booking checked in stays on screen: each check starts kioskd afresh, on the attract screen.
        func start(_ directory: String, scanner: String) throws -> GuestKiosk {
            let kiosk = try GuestKiosk(
                directory: directory, catalogue: rig + "/catalogue.json", screen: plan.screen,
                printer: #"{"kind": "file", "path": "printer.out", "paper": "80mm"}"#, scanner: scanner)
            _ = try kiosk.waitForLine(containing: "display ok", seconds: 30)
            return kiosk
        }
        let keyboard = #"{"path": "\#(node)", "transport": "evdev", "suffix": "enter", "gapMilliseconds": 1000}"#
        var kiosk = try start(directory, scanner: keyboard)
        var passed = true
        defer {
            kiosk.stop()
            if !passed {
                kiosk.dumpLog(prefix: "RIG-LOG \(name)")
                dumpKernelLog(prefix: "RIG-KERNEL \(name)", containing: ["usb", "hid", "input", "acm", "tty"])
            }
        }
        _ = try kiosk.waitForLine(containing: "scanner \(node) open", seconds: 30)
        check(&passed, "\(name).booking", Date()) {
            try Self.checkIn(code, kiosk) { try type(code + "\n", pacedFor: kiosk.pid) }
            return "the f_hid keyboard typed \(code) (letters with shift) and kioskd checked it in"
        }
        check(&passed, "\(name).syn-dropped", Date()) {
            kiosk.stop()
            kiosk = try start(directory, scanner: keyboard)
            _ = try kiosk.waitForLine(containing: "scanner \(node) open", seconds: 30)
            let dropped = try Self.floodWithShiftHeld(kiosk)
            try Self.checkIn(code, kiosk) { try type(code + "\n", pacedFor: kiosk.pid, shiftAlreadyHeld: true) }
            return "\(dropped); then \(code) typed with Shift still held from before the drop checked in"
        }
        check(&passed, "\(name).replug", Date()) {
            kiosk.stop()
            kiosk = try start(directory, scanner: keyboard)
            _ = try kiosk.waitForLine(containing: "scanner \(node) open", seconds: 30)
            let mark = kiosk.lineCount
            try ConfigfsGadget.bind(Self.root, false)
            _ = try kiosk.waitForLine(containing: "scanner \(node) lost", after: mark, seconds: 10)
            try ConfigfsGadget.bind(Self.root, true)
            let plugged = Date()
            _ = try waitUntil("the scanner's input device is back", seconds: 15) { Self.eventNode(named: "RIG Scanner") == node ? true : nil }
            let reopened = try kiosk.waitForLine(containing: "scanner \(node) open", after: mark, seconds: 15)
            let elapsed = milliseconds(since: plugged)
            try Self.checkIn(code, kiosk) { try type(code + "\n", pacedFor: kiosk.pid) }
            return "unbound: kioskd logged it lost; bound again: reopened_ms=\(elapsed) (\(reopened.line)); \(code) checked in"
        }
        kiosk.stop()
        try ConfigfsGadget.bind(Self.root, false)
        let serial = SerialScannerGadget()
        let serialConfig = #"{"path": "/dev/ttyACM0", "transport": "serial", "baud": 9600, "suffix": "enter", "gapMilliseconds": 1000}"#
        check(&passed, "scanner-acm.booking", Date()) {
            try serial.plug()
            let tty = try waitUntil("/dev/ttyACM0 appears", seconds: 15) { FileManager.default.fileExists(atPath: "/dev/ttyACM0") ? "/dev/ttyACM0" : nil }
            try FileManager.default.createDirectory(atPath: directory + "-acm/state", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: rig + "/bookings.json", toPath: directory + "-acm/state/bookings.json")
            kiosk = try start(directory + "-acm", scanner: serialConfig)
            _ = try kiosk.waitForLine(containing: "scanner \(tty) open", seconds: 30)
            try Self.checkIn(code, kiosk) { try serial.send(code + "\r"); return 0 }
            return "the f_acm port sent \(code) at full speed and kioskd read it from \(tty), checked in"
        }
        check(&passed, "scanner-acm.replug", Date()) {
            kiosk.stop()
            kiosk = try start(directory + "-acm", scanner: serialConfig)
            _ = try kiosk.waitForLine(containing: "scanner /dev/ttyACM0 open", seconds: 30)
            let mark = kiosk.lineCount
            try ConfigfsGadget.bind(SerialScannerGadget.root, false)
            _ = try kiosk.waitForLine(containing: "scanner /dev/ttyACM0 lost", after: mark, seconds: 10)
            try ConfigfsGadget.bind(SerialScannerGadget.root, true)
            let reopened = try kiosk.waitForLine(containing: "scanner /dev/ttyACM0 open", after: mark, seconds: 15)
            try Self.checkIn(code, kiosk) { try serial.send(code + "\r"); return 0 }
            return "unbound: kioskd logged it lost; bound again: \(reopened.line); \(code) checked in"
        }
    }

    /// Runs `scan` and waits until kioskd logs that booking `code` may check in. `scan` returns the longest
    /// pause between two of its keys: a pause of the scanner's `gapMilliseconds` (1 s) or more ends a scan in
    /// kioskd, as it must for a real scanner, so a guest stalled that long between paced keys (a starved TCG
    /// guest) cut the code itself; then the code is scanned once more, and said so.
    private static func checkIn(_ code: String, _ kiosk: GuestKiosk, _ scan: () throws -> Double) throws {
        for attempt in 1...2 {
            let mark = kiosk.lineCount
            let longestPause = try scan()
            let heard = Result { try kiosk.waitForLine(containing: "booking ", after: mark, seconds: 20).line }
            let last = attempt == 2 || longestPause < 1.0
            switch heard {
            case .success(let line) where line.contains("booking \(code) ") && line.contains("may check in"): return
            case .success(let line) where last: throw AgentError("expected booking \(code) to check in: \(line)")
            case .failure(let error) where last: throw error
            default: break
            }
            say("RIG-NOTE the guest paused \(longestPause) s between two keys, which ends a scan: \(code) scanned again")
        }
    }

    /// With kioskd stopped, presses Shift and keeps it held while 1,500 keys (then Enter) overflow the
    /// kernel's buffer at the gadget's full speed; kioskd continues and reads `SYN_DROPPED`. Shift stays
    /// held: only the device's state (`EVIOCGKEY`) can tell kioskd so.
    private static func floodWithShiftHeld(_ kiosk: GuestKiosk) throws -> String {
        let fd = try openHIDGadget()
        defer { close(fd) }
        let mark = kiosk.lineCount
        let shift: UInt8 = 0x02, q: UInt8 = 0x14, enter: UInt8 = 0x28
        try stopped(kiosk.pid) {
            var reports: [[UInt8]] = [[shift, 0, 0, 0, 0, 0, 0, 0]]
            for _ in 0..<1500 { reports += [[shift, 0, q, 0, 0, 0, 0, 0], [shift, 0, 0, 0, 0, 0, 0, 0]] }
            reports += [[shift, 0, enter, 0, 0, 0, 0, 0], [shift, 0, 0, 0, 0, 0, 0, 0]]
            for report in reports where write(fd, report, 8) != 8 { throw AgentError("write /dev/hidg0: errno \(errno)") }
        }
        let line = try kiosk.waitForLine(containing: "SYN_DROPPED", after: mark, seconds: 20).line
        try waitUntilIdle(kiosk.pid)
        return "Shift held, 1500 keys written while kioskd was stopped: \(line)"
    }

    /// The gadget: a boot keyboard function, bound to `dummy_udc.0` (the printer gadget let go of it first).
    private func makeGadget() throws {
        let printerUDC = PrinterGadget.root + "/UDC"
        if let bound = try? String(contentsOfFile: printerUDC, encoding: .utf8), !bound.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            try PrinterGadget.bind(false)
        }
        let text = ConfigfsGadget.text
        try ConfigfsGadget.make(
            root: Self.root, function: "hid.usb0",
            attributes: [
                ("idVendor", text("0x1209")), ("idProduct", text("0x7010")), ("strings/0x409/manufacturer", text("RIG")),
                ("strings/0x409/product", text("Scanner")), ("functions/hid.usb0/protocol", text("1")),
                ("functions/hid.usb0/subclass", text("1")), ("functions/hid.usb0/report_length", text("8")),
                ("functions/hid.usb0/report_desc", Data(Self.reportDescriptor)),
            ])
        try ConfigfsGadget.bind(Self.root, true)
    }

    /// Types `text` as key reports on `/dev/hidg0`: upper-case letters with left shift, Enter for "\n";
    /// after each key, waits until kioskd (`pid`) has read it, so that this slow guest's evdev buffer
    /// never overflows (a scan cut by `SYN_DROPPED` is another check).
    /// - Parameter shiftAlreadyHeld: Shift is down from before: the first key's report keeps it down and
    ///   the kernel sends no Shift press for it.
    /// Types `text` at the HID gadget, waiting after each key until kioskd (`pid`) has read it; returns the
    /// longest time between two key presses, in seconds.
    private func type(_ text: String, pacedFor pid: Int32, shiftAlreadyHeld: Bool = false) throws -> Double {
        let fd = try Self.openHIDGadget()
        defer { close(fd) }
        var longestPause = 0.0
        var lastPress: Date?
        var release: [UInt8] = [shiftAlreadyHeld ? 0x02 : 0, 0, 0, 0, 0, 0, 0, 0]
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
            if let lastPress { longestPause = max(longestPause, Date().timeIntervalSince(lastPress)) }
            lastPress = Date()
            for report in [[modifier, 0, usage, 0, 0, 0, 0, 0], release] {
                guard write(fd, report, 8) == 8 else { throw AgentError("write /dev/hidg0: errno \(errno)") }
            }
            release = [UInt8](repeating: 0, count: 8)
            try waitUntilIdle(pid)
        }
        return longestPause
    }

    private static func openHIDGadget() throws -> Int32 {
        try waitUntil("/dev/hidg0 opens", seconds: 10) { () -> Int32? in
            let fd = open("/dev/hidg0", O_RDWR | O_CLOEXEC)
            return fd >= 0 ? fd : nil
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
}
