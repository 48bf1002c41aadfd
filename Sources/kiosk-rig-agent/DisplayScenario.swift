import Foundation

/// kioskd on the guest's bochs DRM card (`-device VGA,edid=on,xres=1080,yres=1920`), with a PNG
/// snapshot of the same frames beside it. The host takes QEMU's `screendump` of the guest display
/// whenever this scenario asks (`RIG-SCREENDUMP NAME` on the console; the host answers by writing
/// `NAME.ppm` and then `NAME.done` into the shared directory `/rig-out`, a 9p mount), and compares
/// each dump with the snapshot copied beside it (`NAME.png`), in `Tests/VMRigTests/DisplayRigTests.swift`.
///
/// In the guest it checks the CRTC's framebuffer (debugfs `dri/0/state`): kioskd's own while it
/// runs, the console's again after `SIGTERM`.
struct DisplayScenario {
    static let output = "/rig-out"
    let rig: String

    func run() throws {
        let name = "display-drm"
        let plan = try TapPlan(path: rig + "/touch-plan")
        _ = try waitUntil("/dev/dri/card0 appears", seconds: 15) { FileManager.default.fileExists(atPath: "/dev/dri/card0") ? true : nil }
        guard FileManager.default.fileExists(atPath: Self.output + "/.rig-out") else {
            throw AgentError("\(Self.output) is not the host's shared directory (no 9p mount)")
        }
        // The console's cursor blinks: it would make two dumps of the same console differ.
        try? "0\n".write(toFile: "/sys/class/graphics/fbcon/cursor_blink", atomically: false, encoding: .utf8)
        let consoleFramebuffer = try Self.scanoutFramebuffer()
        try Self.screendump("console")
        let panel = try UInputDevice(.multitouch, name: "rig display panel")
        defer { _ = panel }
        let directory = "/tmp/\(name)"
        let snapshot = directory + "/screen.png"
        let kiosk = try GuestKiosk(
            directory: directory, catalogue: rig + "/catalogue.json", screen: plan.screen,
            printer: #"{"kind": "file", "path": "printer.out", "paper": "80mm"}"#,
            display: #"{"kind": "drm", "device": "/dev/dri/card0", "width": \#(plan.screen.width), "height": \#(plan.screen.height), "snapshot": "\#(snapshot)"}"#,
            standardInput: "/dev/tty1")
        var passed = true
        var running = true
        defer {
            if running { kiosk.stop() }
            if !passed {
                kiosk.dumpLog(prefix: "RIG-LOG \(name)")
                dumpKernelLog(prefix: "RIG-KERNEL \(name)", containing: ["drm", "bochs", "fb"])
            }
        }
        check(&passed, "\(name).cold-start", Date()) {
            // kioskd logs it once the first page flip is queued; the line is read the moment it is written.
            let line = try kiosk.waitForLine(containing: "first frame presented", seconds: Self.coldStartBound).line
            let spawnToFrame = milliseconds(since: kiosk.spawnedAt)
            guard line.contains("screen ok: drm"), Double(spawnToFrame) <= Self.coldStartBound * 1000 else {
                throw AgentError("spawn to the first DRM frame: \(spawnToFrame) ms (bound \(Self.coldStartBound) s): \(line)")
            }
            return "spawn (exec counted) to the first DRM frame presented (page flip queued): \(spawnToFrame) ms, in a TCG-emulated guest"
                + " (bound \(Int(Self.coldStartBound)) s); kioskd: \(line)"
        }
        check(&passed, "\(name).showing", Date()) {
            let line = try kiosk.waitForLine(containing: "display ok: drm /dev/dri/card0", seconds: 30).line
            try Self.dumpWithSnapshot("attract", snapshot: snapshot, kiosk: kiosk, previous: nil)
            let framebuffer = try Self.scanoutFramebuffer()
            guard framebuffer != consoleFramebuffer else {
                throw AgentError("the CRTC still scans out the console's framebuffer \(framebuffer): \(line)")
            }
            return "framebuffer \(framebuffer) (console's \(consoleFramebuffer)); \(line)"
        }
        check(&passed, "\(name).tap", Date()) {
            let before = try Data(contentsOf: URL(fileURLWithPath: snapshot))
            let point = try plan.point("agency")
            try panel.tap(x: point.x, y: point.y, screen: plan.screen)
            try Self.dumpWithSnapshot("tapped", snapshot: snapshot, kiosk: kiosk, previous: before)
            return "tapped an agency on the first screen; dumped its services screen"
        }
        check(&passed, "\(name).vt-switch", Date()) {
            let mark = kiosk.lineCount
            let away = Date()
            try Self.switchVT(to: 2)
            let switchedAway = milliseconds(since: away)
            let released = try kiosk.waitForLine(containing: "given away (VT switch)", after: mark, seconds: 10)
            let framebuffer = try Self.scanoutFramebuffer()
            guard framebuffer == consoleFramebuffer else {
                throw AgentError("on VT 2 the CRTC scans out framebuffer \(framebuffer), not the console's \(consoleFramebuffer)")
            }
            try Self.screendump("vt2")
            try Self.switchVT(to: 1)
            _ = try kiosk.waitForLine(containing: "display ok: drm", after: released.index, seconds: 10)
            try Self.dumpWithSnapshot("vt1", snapshot: snapshot, kiosk: kiosk, previous: nil)
            return "chvt 2 returned after \(switchedAway) ms (kioskd released the VT); the console's framebuffer on VT 2; back on VT 1 kioskd took the card again"
        }
        check(&passed, "\(name).sigterm", Date()) {
            kiosk.stop()
            running = false
            let framebuffer = try Self.scanoutFramebuffer()
            guard framebuffer == consoleFramebuffer else {
                throw AgentError("after SIGTERM the CRTC scans out framebuffer \(framebuffer), not the console's \(consoleFramebuffer)")
            }
            try Self.screendump("restored")
            return "the CRTC scans out the console's framebuffer \(framebuffer) again"
        }
    }

    /// Spawn to the first DRM frame, at most (seconds). The guest is emulated (TCG, on a shared 2-core host):
    /// 2.7 and 3.3 s measured after the other scenarios, 5.2 s with this one alone (debug build, host load average
    /// 12–16), and the rig's times vary up to threefold with the host's load; a start that waits ten seconds
    /// more (for the ledger, the printer, a network timeout) fails.
    static let coldStartBound = 15.0

    /// Waits until kioskd has shown a frame (its snapshot differs from `previous`, or exists) and has
    /// nothing left to draw or write (every thread asleep, so no snapshot is being encoded and no
    /// frame waits for one), then asks for a dump and copies the snapshot beside it. When kioskd drew
    /// in between (the attract clock's minute), again.
    private static func dumpWithSnapshot(_ name: String, snapshot: String, kiosk: GuestKiosk, previous: Data?) throws {
        let read = { try? Data(contentsOf: URL(fileURLWithPath: snapshot)) }
        for _ in 0..<3 {
            let shown = try waitUntil("kioskd's snapshot shows a new frame and kioskd is still", seconds: 30) { () -> Data? in
                guard let first = read(), first != previous, allThreadsAsleep(kiosk.pid), read() == first else { return nil }
                return first
            }
            try screendump(name)
            if read() == shown, allThreadsAsleep(kiosk.pid) {
                try shown.write(to: URL(fileURLWithPath: output + "/\(name).png"))
                return
            }
        }
        throw AgentError("kioskd kept drawing while \(name) was dumped")
    }

    /// True when every thread of `pid` sleeps (`S` in /proc/PID/task/*/stat): nothing runs or is runnable.
    private static func allThreadsAsleep(_ pid: Int32) -> Bool {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task"), !tasks.isEmpty else { return false }
        return tasks.allSatisfy { task in
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8)) ?? ""
            return stat.lastIndex(of: ")").flatMap { stat[$0...].dropFirst(2).first } == "S"
        }
    }

    /// `chvt N` (busybox: `VT_ACTIVATE`, `VT_WAITACTIVE`), which returns once the switch is done; a VT
    /// in `VT_PROCESS` mode holds it until its owner releases it.
    private static func switchVT(to number: Int) throws {
        let arguments = ["/bin/busybox", "chvt", "\(number)"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        guard posix_spawn(&child, arguments[0], nil, nil, &argv, environ) == 0 else { throw AgentError("posix_spawn chvt: errno \(errno)") }
        var status: Int32 = 0
        do {
            _ = try waitUntil("chvt \(number) returns", seconds: 15) { waitpid(child, &status, WNOHANG) == child ? true : nil }
        } catch {
            let active = (try? String(contentsOfFile: "/sys/class/tty/tty0/active", encoding: .utf8)) ?? "?"
            let wchan = (try? String(contentsOfFile: "/proc/\(child)/wchan", encoding: .utf8)) ?? "?"
            kill(child, SIGKILL)
            waitpid(child, &status, 0)
            throw AgentError("\(error); active VT \(active.trimmingCharacters(in: .whitespacesAndNewlines)), chvt waiting in \(wchan)")
        }
        guard status == 0 else { throw AgentError("chvt \(number) failed with status \(status)") }
    }

    /// Asks the host for QEMU's `screendump` and waits until it has been written.
    private static func screendump(_ name: String) throws {
        say("RIG-SCREENDUMP \(name)")
        _ = try waitUntil("the host dumped the screen as \(name).ppm", seconds: 30) {
            FileManager.default.fileExists(atPath: output + "/\(name).done") ? true : nil
        }
    }

    /// The framebuffer id the CRTC's primary plane scans out, from DRM's debugfs state file
    /// (init.sh mounts debugfs).
    private static func scanoutFramebuffer() throws -> Int {
        let path = "/sys/kernel/debug/dri/0/state"
        guard let state = try? String(contentsOfFile: path, encoding: .utf8) else { throw AgentError("cannot read \(path)") }
        // plane[31]: plane-0 / crtc=crtc-0 / fb=42 / ...
        for line in state.split(separator: "\n") {
            let field = line.trimmingCharacters(in: .whitespaces)
            if field.hasPrefix("fb="), let id = Int(field.dropFirst(3)) { return id }
        }
        throw AgentError("no fb= line in \(path): \(state.prefix(300))")
    }
}
