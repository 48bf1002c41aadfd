import CLinux
import Foundation

/// A HID multitouch panel through uhid: the kernel's hid-multitouch assigns the slots and tracking
/// ids, and kioskd finds, grabs and reads the input device it makes.
struct HIDTouchScenario {
    let rig: String

    func run() throws {
        let name = "touch-hid"
        let plan = try TapPlan(path: rig + "/touch-plan")
        let panel = try HIDTouchPanel(name: "RIG HID Touch")
        let (node, driver) = try panel.eventNode()
        var passed = true
        defer { if !passed { Self.dumpHIDDebug() } }
        check(&passed, "\(name).slots", Date()) {
            guard driver == "hid-multitouch" else { throw AgentError("\(node) is driven by \(driver), not hid-multitouch") }
            return try Self.slotsAssigned(panel, node: node, screen: plan.screen)
        }
        let kiosk = try GuestKiosk(
            directory: "/tmp/\(name)", catalogue: rig + "/catalogue.json", screen: plan.screen,
            printer: #"{"kind": "file", "path": "printer.out", "paper": "80mm"}"#)
        defer {
            kiosk.stop()
            if !passed { kiosk.dumpLog(prefix: "RIG-LOG \(name)") }
        }
        check(&passed, "\(name).discovery", Date()) {
            let line = try kiosk.waitForLine(containing: "touchscreen: ", seconds: 30).line
            guard line.contains("touchscreen: \(node) \"\(panel.name)"), line.contains("grabbed") else {
                throw AgentError("kioskd opened something else than \(node): \(line)")
            }
            return line
        }
        check(&passed, "\(name).taps", Date()) {
            var citizen = Citizen(kiosk: kiosk, plan: plan)
            let ticket = try citizen.takeTicket(on: panel, printed: true)
            try citizen.pressDone(on: panel)
            return "\(ticket.number) printed from taps through hid-multitouch"
        }
    }

    /// Two contacts with HID ids 7 and 9, then both lifted, read from the node before kioskd grabs it:
    /// the kernel puts them in slots 0 and 1 with tracking ids of its own, and ends both.
    private static func slotsAssigned(_ panel: HIDTouchPanel, node: String, screen: (width: Int, height: Int)) throws -> String {
        let fd = open(node, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw AgentError("open \(node): errno \(errno)") }
        defer { close(fd) }
        let a = panel.devicePosition(x: 100, y: 100, screen: screen), b = panel.devicePosition(x: 900, y: 1500, screen: screen)
        try panel.report([(7, a.x, a.y, true), (9, b.x, b.y, true)])
        try panel.report([(7, a.x, a.y, false), (9, b.x, b.y, false)])
        var events: [input_event] = []
        let ids = { events.filter { Int32($0.type) == EV_ABS && Int32($0.code) == ABS_MT_TRACKING_ID }.map(\.value) }
        do {
            _ = try waitUntil("both contacts start and end on \(node)", seconds: 10) { () -> Bool? in
                var buffer = [input_event](repeating: input_event(), count: 64)
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if count > 0 { events += buffer.prefix(count / MemoryLayout<input_event>.stride) }
                return ids().filter { $0 < 0 }.count >= 2 ? true : nil
            }
        } catch {
            throw AgentError("\(error); events: " + events.map { "\($0.type):\($0.code):\($0.value)" }.joined(separator: " "))
        }
        let slots = Set(events.filter { Int32($0.type) == EV_ABS && Int32($0.code) == ABS_MT_SLOT }.map(\.value))
        let started = ids().filter { $0 >= 0 }
        guard slots.contains(1), Set(started).count == 2 else {
            throw AgentError("expected contacts in slots 0 and 1 with two tracking ids: slots \(slots), ids \(started)")
        }
        return "HID contacts 7 and 9 became slots \(slots.sorted()) with kernel tracking ids \(started), both ended"
    }

    /// The kernel's view of the panel for a failing scenario: its parsed report descriptor (debugfs).
    private static func dumpHIDDebug() {
        let root = "/sys/kernel/debug/hid"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where entry.contains("1209:7012") {
            let text = (try? String(contentsOfFile: "\(root)/\(entry)/rdesc", encoding: .utf8)) ?? "(no rdesc)"
            say("RIG-KERNEL touch-hid| \(entry) " + (text.split(separator: "\n").first.map(String.init) ?? ""))
        }
        dumpKernelLog(prefix: "RIG-KERNEL touch-hid", containing: ["hid", "input", "uhid"])
    }
}
