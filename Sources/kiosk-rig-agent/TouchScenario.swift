import Foundation

/// Screen points of the buttons a citizen presses, computed on the host from the kiosk's own layout
/// (file `touch-plan` in the rig directory: `screen W H`, then `NAME X Y` per button).
struct TapPlan {
    var screen: (width: Int, height: Int)
    var points: [String: (x: Int, y: Int)]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var screen: (width: Int, height: Int)?
        var points: [String: (x: Int, y: Int)] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 3, let a = Int(fields[1]), let b = Int(fields[2]) else { continue }
            if fields[0] == "screen" { screen = (a, b) } else { points[fields[0]] = (a, b) }
        }
        guard let screen else { throw AgentError("\(path) has no screen line") }
        self.screen = screen
        self.points = points
    }

    func point(_ name: String) throws -> (x: Int, y: Int) {
        guard let point = points[name] else { throw AgentError("touch-plan has no \(name)") }
        return point
    }
}

/// One touchscreen kind through the real kernel: discovery among a keyboard and a mouse, the grab,
/// taps on the right buttons, `SYN_DROPPED` from the kernel, and unplug/re-plug.
struct TouchScenario {
    let name: String
    let kind: UInputDevice.Kind
    let rig: String
    private var tickets = 0

    init(name: String, kind: UInputDevice.Kind, rig: String) {
        self.name = name
        self.kind = kind
        self.rig = rig
    }

    mutating func run() throws {
        let plan = try TapPlan(path: rig + "/touch-plan")
        let keyboard = try UInputDevice(.keyboard, name: "rig keyboard")
        let mouse = try UInputDevice(.mouse, name: "rig mouse")
        defer { _ = (keyboard, mouse) }
        var panel = try UInputDevice(kind, name: "rig \(name) panel")
        let node = try panel.eventNode()
        let secondReader = try SecondReader(node: node)
        let sawEventsBeforeGrab = try secondReader.controlRead { try panel.tap(x: 1, y: 1, screen: plan.screen) }

        let directory = "/tmp/\(name)"
        func start() throws -> GuestKiosk {
            try GuestKiosk(
                directory: directory, catalogue: rig + "/catalogue.json", screen: plan.screen,
                printer: #"{"kind": "file", "path": "printer.out", "paper": "80mm"}"#)
        }
        var kiosk = try start()
        var passed = true
        defer {
            kiosk.stop()
            if !passed { kiosk.dumpLog(prefix: "RIG-LOG \(name)") }
        }

        check(&passed, "\(name).discovery", Date()) {
            let line = try kiosk.waitForLine(containing: "touchscreen: ", seconds: 30).line
            guard line.contains("touchscreen: \(node) \"\(panel.name)\""), line.contains("grabbed") else {
                throw AgentError("kioskd opened something else than \(node): \(line)")
            }
            return "\(node) among a keyboard and a mouse"
        }
        check(&passed, "\(name).taps", Date()) { try takeTicket(kiosk, panel, plan) }
        check(&passed, "\(name).grab", Date()) {
            guard sawEventsBeforeGrab else { throw AgentError("the second reader saw nothing even before kioskd ran") }
            let leaked = try secondReader.pendingBytes()
            guard leaked == 0 else { throw AgentError("a second reader got \(leaked) bytes while kioskd held the grab") }
            return "a second reader got nothing during a whole ticket"
        }
        check(&passed, "\(name).syn-dropped", Date()) {
            let mark = kiosk.lineCount
            try stopped(kiosk.pid) {
                let start = panel.devicePosition(x: 100, y: 100, width: plan.screen.width, height: plan.screen.height)
                var flood = panel.fingerDown(at: start)
                for step in 0..<3000 { flood += panel.fingerMove(to: (start.x + Int32(step % 2), start.y)) }
                try panel.emit(flood)
            }
            _ = try kiosk.waitForLine(containing: "SYN_DROPPED", after: mark, seconds: 10)
            try panel.emit(panel.fingerUp())
            return "kernel dropped events with a finger down; then " + (try takeTicket(kiosk, panel, plan))
        }
        check(&passed, "\(name).replug", Date()) {
            let mark = kiosk.lineCount
            panel.unplug()
            let missing = try kiosk.waitForLine(containing: "touchscreen missing", after: mark, seconds: 10)
            let plugged = Date()
            panel = try UInputDevice(kind, name: "rig \(name) panel")
            let reopened = try kiosk.waitForLine(containing: "touchscreen: /dev/input/", after: missing.index, seconds: 10)
            let elapsed = milliseconds(since: plugged)
            guard elapsed <= 2000 else { throw AgentError("reopened \(elapsed) ms after the re-plug (limit 2000): \(reopened.line)") }
            return "reopened_ms=\(elapsed); then " + (try takeTicket(kiosk, panel, plan))
        }
        check(&passed, "\(name).restart", Date()) {
            kiosk.stop()
            kiosk = try start()
            _ = try kiosk.waitForLine(containing: "touchscreen: \(try panel.eventNode())", seconds: 30)
            return "kioskd restarted on the same panel; then " + (try takeTicket(kiosk, panel, plan))
        }
    }

    /// A walk to the next ticket, which must be printed to the printer file.
    private mutating func takeTicket(_ kiosk: GuestKiosk, _ panel: UInputDevice, _ plan: TapPlan) throws -> String {
        var citizen = Citizen(kiosk: kiosk, plan: plan, issued: tickets)
        let ticket = try citizen.takeTicket(on: panel, printed: true)
        tickets = citizen.issued
        let printed = (try? Data(contentsOf: URL(fileURLWithPath: kiosk.directory + "/printer.out"))) ?? Data()
        guard printed.range(of: Data(ticket.number.utf8)) != nil else { throw AgentError("\(ticket.number) is not in the printed bytes") }
        try citizen.pressDone(on: panel)
        return "\(ticket.number) printed"
    }
}

/// ``report(_:_:_:)`` that also clears `passed` when the check fails.
func check(_ passed: inout Bool, _ name: String, _ started: Date, _ body: () throws -> String) {
    if !report(name, started, body) { passed = false }
}

/// Runs `body` while process `pid` is stopped (`SIGSTOP`, waiting until /proc says so), then continues it.
func stopped(_ pid: Int32, _ body: () throws -> Void) throws {
    kill(pid, SIGSTOP)
    defer { kill(pid, SIGCONT) }
    _ = try waitUntil("kioskd is stopped", seconds: 5) { () -> Bool? in
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return nil }
        return stat[close...].dropFirst(2).first == "T" ? true : nil
    }
    try body()
}

/// Waits until kioskd's loop (its main thread) sleeps in `poll`/`ppoll`. Writing the events woke it
/// (this machine has one CPU), and `poll` does not sleep while they are unread, so from then on they
/// have been read. Without this, events not yet read when kioskd is stopped or the device unplugged
/// are lost with the rest, and the kiosk is not where the next step expects.
func waitUntilIdle(_ pid: Int32) throws {
    var seen = ""
    do {
        _ = try waitUntil("kioskd's loop has read what was written", seconds: 10) { () -> Bool? in
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/stat", encoding: .utf8)) ?? ""
            let state = stat.lastIndex(of: ")").flatMap { stat[$0...].dropFirst(2).first } ?? "?"
            let call = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/syscall", encoding: .utf8)) ?? ""
            let number = call.split(separator: " ").first.map(String.init) ?? "?"
            seen = "\(state)/\(number)"
            return state == "S" && (number == "7" || number == "271") ? true : nil
        }
    } catch {
        throw AgentError("\(error); main thread state/syscall: \(seen)")
    }
}

/// Another reader of the touchscreen's node, to see whether kioskd's `EVIOCGRAB` holds.
struct SecondReader {
    private let fd: Int32

    init(node: String) throws {
        fd = open(node, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw AgentError("open \(node): errno \(errno)") }
    }

    /// Makes events with `body` before anyone grabs the device and reports whether they arrived here
    /// (so the later "got nothing" means the grab, not a reader that cannot read).
    func controlRead(_ body: () throws -> Void) throws -> Bool {
        try body()
        let count = try waitUntil("the second reader sees the control tap", seconds: 5) { () -> Int? in
            let bytes = (try? pendingBytes()) ?? 0
            return bytes > 0 ? bytes : nil
        }
        return count > 0
    }

    /// Reads everything pending; 0 when the read would block.
    func pendingBytes() throws -> Int {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var total = 0
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 {
                total += count
                continue
            }
            if count < 0 && errno != EAGAIN { throw AgentError("read from the second reader: errno \(errno)") }
            return total
        }
    }
}
