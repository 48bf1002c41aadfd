import KioskCore
import KioskDevices
import KioskLink
import KioskSystem

/// `kioskctl doctor`: checks an installed kiosk (its configuration, the citizen's 15 mm bars on its panel, devices and who owns them, the
/// technicians file, the systemd unit, the queue server, the state directory's disk, the clock) and prints
/// what to fix.
///
/// Exit status: 0 every check passed; 1 a check found a problem (each is printed with its fix);
/// 78 the configuration is invalid (the checks that need it are skipped, the others still run).
/// With `--json`, one object with every check (see ``report(_:status:json:)``).
enum KioskctlDoctorCommand {
    static let usage = "  doctor               check this installation (configuration, devices, technicians, unit, server, disk, clock) and say what to fix"

    /// Free space below which the state directory counts as nearly full.
    static let minimumFreeBytes: UInt64 = 200 << 20
    /// A clock this far from the queue server's needs fixing (the server refuses skewed kiosks sooner or later).
    static let maximumClockSkewMilliseconds: Int64 = 60_000
    /// The groups kioskd runs with (User=/Group=kioskd and SupplementaryGroups= of kioskd.service).
    static let kioskdGroups = ["kioskd", "input", "video", "lp"]

    /// One check's outcome: `fix` is nil when it passed.
    struct Finding {
        var check: String
        var seen: String
        var fix: String? = nil
    }

    /// Runs every check against the configuration at `configPath`, prints them, and returns the exit status.
    static func run(configPath: String, json: Bool) -> Int32 {
        var findings: [Finding] = []
        var config: KioskConfig?
        var loaded: ConfigFiles.Loaded?
        do {
            loaded = try ConfigFiles.load(configPath)
            config = loaded?.config
            findings.append(Finding(check: "configuration", seen: "\(Files.absolute(configPath)) is valid"))
        } catch {
            findings.append(Finding(
                check: "configuration", seen: "\(error)",
                fix: "correct the file named above, check it with `kioskctl check-config`, then run `kioskctl reload`"))
        }
        if let config {
            findings += devices(config)
            findings.append(disk(config.stateDirectory))
        }
        if let loaded { findings.append(panel(loaded)) }
        findings.append(technicians(TechniciansFile.path(besideConfig: configPath)))
        findings.append(unit())
        findings += clock(server: config?.server)

        let problems = findings.filter { $0.fix != nil }.count
        let status = config == nil ? KioskctlExit.config : problems == 0 ? KioskctlExit.ok : KioskctlExit.failed
        report(findings, status: status, json: json)
        return status
    }

    /// Prints the findings: a line each (and its fix) for a person, or with `json` one object: `ok`, `checks` (each
    /// `check`, `ok`, `seen` and, for a problem, `fix`), `problems`; when not ok also `fault` and `error`.
    private static func report(_ findings: [Finding], status: Int32, json: Bool) {
        let problems = findings.filter { $0.fix != nil }.count
        let summary = problems == 0 ? "all \(findings.count) checks passed" : "\(problems) of \(findings.count) checks found a problem"
        guard json else {
            for finding in findings {
                print((finding.fix == nil ? "ok       " : "PROBLEM  ") + "\(finding.check): \(Log.escaped(finding.seen))")
                if let fix = finding.fix { print("         fix: \(fix)") }
            }
            print(summary)
            return
        }
        let checks = findings.map { finding in
            JSONValue.fields([("check", .text(finding.check)), ("ok", .flag(finding.fix == nil)), ("seen", .text(finding.seen))]
                + (finding.fix.map { [("fix", JSONValue.text($0))] } ?? []))
        }
        var fields: [(String, JSONValue)] = [("ok", .flag(status == KioskctlExit.ok))]
        if status != KioskctlExit.ok {
            fields += [("fault", .text(status == KioskctlExit.config ? "config" : "failed")), ("error", .text(summary))]
        }
        print(JSONValue.fields(fields + [("checks", .list(checks)), ("problems", .integer(problems))]).jsonText)
    }

    // MARK: Devices

    static func devices(_ config: KioskConfig) -> [Finding] {
        var found: [Finding] = []
        switch config.display.kind {
        case .drm: found.append(node("display", config.display.device ?? "/dev/dri/card0", missing: "is the screen's cable in, and the GPU driver loaded (`ls /dev/dri`)?"))
        case .fbdev: found.append(node("display", config.display.device ?? "/dev/fb0", missing: "is the framebuffer driver loaded (`ls /dev/fb*`)?"))
        case .headless: found.append(Finding(check: "display", seen: "headless (PNG snapshots in \(config.stateDirectory))"))
        }
        found.append(touchscreen(config.input))
        found.append(printer(config.printer.transport))
        if let scanner = config.scanner {
            found.append(node("scanner", scanner.path, missing: "is the scanner plugged in? `ls -l /dev/input/kiosk-scanner /dev/kiosk-scanner`"))
        }
        return found
    }

    private static func touchscreen(_ input: InputConfig) -> Finding {
        var info = stat()
        guard input.kind == .evdev, stat(input.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            return node("touchscreen", input.path, missing: "is the touchscreen's USB cable in? `ls -l /dev/input/kiosk-touchscreen`")
        }
        // A directory to search: the udev rule gives kioskd's group only the touchscreens in it.
        let names = (try? directoryEntries(input.path)) ?? []
        let given = names.filter { $0.hasPrefix("event") }.map { input.path + "/" + $0 }.filter { owner(of: $0) != nil }
        guard let first = given.sorted().first else {
            return Finding(
                check: "touchscreen", seen: "no input device in \(input.path) is given to kioskd",
                fix: "plug the touchscreen in; if it is in, check that /usr/lib/udev/rules.d/70-kioskd-touchscreen.rules "
                    + "is there and run `udevadm trigger --subsystem-match=input`")
        }
        return Finding(check: "touchscreen", seen: "\(first) (group \(owner(of: first) ?? "?"))")
    }

    private static func printer(_ transport: PrinterConfig.Transport) -> Finding {
        switch transport {
        case .file(let path):
            return node("printer", path, missing: "is the printer on and its USB cable in? `ls -l /dev/usb/`", allowPlainFile: true)
        case .tcp(let host, let port):
            if let error = TCPProbe.connect(host: host, port: port, timeoutMilliseconds: 3000) {
                return Finding(
                    check: "printer", seen: "\(host):\(port) does not answer (\(error))",
                    fix: "is the printer on and on the network? print its self-test page (hold FEED while switching on) to see its address")
            }
            return Finding(check: "printer", seen: "\(host):\(port) accepts connections")
        case .cups(let queue):
            return Finding(check: "printer", seen: "CUPS queue \(queue) (see `lpstat -p \(queue)`)")
        case .usb(let vendorID, let productID):
            let id = hex(vendorID) + ":" + hex(productID)
            guard let path = usbDeviceNode(vendorID: vendorID, productID: productID) else {
                return Finding(
                    check: "printer", seen: "no USB device \(id) is plugged in",
                    fix: "switch the printer on and check its USB cable; `lsusb` must list \(id)")
            }
            return node("printer", path, missing: "")
        }
    }

    /// A device node the kiosk opens: present, and (a character device) owned by a group kioskd runs with.
    private static func node(_ check: String, _ path: String, missing: String, allowPlainFile: Bool = false) -> Finding {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return Finding(check: check, seen: "\(path) is missing", fix: missing)
        }
        switch info.st_mode & S_IFMT {
        case S_IFCHR:
            guard let group = owner(of: path) else {
                return Finding(
                    check: check, seen: "\(path) is not readable and writable by a group kioskd runs with (\(kioskdGroups.joined(separator: ", ")))",
                    fix: "reinstall the kioskd package (its udev rules in /usr/lib/udev/rules.d/70-kioskd-*.rules), then "
                        + "`udevadm trigger` or plug the device in again")
            }
            return Finding(check: check, seen: "\(path) (group \(group))")
        case S_IFIFO: return Finding(check: check, seen: "\(path) (a FIFO: virtual device)")
        case S_IFREG where allowPlainFile: return Finding(check: check, seen: "\(path) (a file)")
        default: return Finding(check: check, seen: "\(path) is not a device node", fix: missing)
        }
    }

    /// The group of kioskd's that may read and write `path`, when one may.
    private static func owner(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFCHR, info.st_mode & 0o060 == 0o060,
            let group = getgrgid(info.st_gid), let name = group.pointee.gr_name.map({ String(cString: $0) }),
            kioskdGroups.contains(name)
        else { return nil }
        return name
    }

    /// `/dev/bus/usb/BBB/DDD` of the first plugged-in USB device with these ids.
    private static func usbDeviceNode(vendorID: UInt16, productID: UInt16) -> String? {
        let root = "/sys/bus/usb/devices"
        for name in (try? directoryEntries(root)) ?? [] {
            let read = { (file: String) in (try? Files.readText(root + "/" + name + "/" + file))?.trimmingWhitespace }
            guard read("idVendor") == hex(vendorID), read("idProduct") == hex(productID),
                let bus = read("busnum").flatMap({ Int($0) }), let device = read("devnum").flatMap({ Int($0) })
            else { continue }
            return "/dev/bus/usb/" + padded(bus) + "/" + padded(device)
        }
        return nil
    }

    // MARK: Technicians

    /// The technicians file, when there is one: `NAME:HASH[:BADGE]` lines, mode 0600 (or 0400), owned by `user` (the
    /// account kioskd runs as, when it exists here) so that kioskd reads it and nobody else does.
    static func technicians(_ path: String, user: String = TechniciansFile.serviceUser) -> Finding {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return Finding(check: "technicians", seen: "no \(path): nobody can open diagnostics (`kioskctl technician add NAME` adds a technician)")
        }
        let account = getpwnam(user).map { (uid: $0.pointee.pw_uid, group: groupName($0.pointee.pw_gid)) }
        let mode = info.st_mode & 0o777
        let seen = "\(path): owner \(userName(info.st_uid)), mode \(String(mode, radix: 8))"
        let fix = (account.map { "chown \(user):\($0.group) \(path) && " } ?? "") + "chmod 600 \(path)"
        if let account, info.st_uid != account.uid {
            return Finding(check: "technicians", seen: seen + ": kioskd (user \(user)) cannot read it", fix: fix)
        }
        guard mode & 0o077 == 0, mode & 0o400 != 0 else {
            return Finding(check: "technicians", seen: seen + ": it must be 600", fix: fix)
        }
        do {
            let count = try TechniciansFile.load(path).count
            return Finding(check: "technicians", seen: seen + ", \(count) technician\(count == 1 ? "" : "s")")
        } catch {
            return Finding(
                check: "technicians", seen: error.description,
                fix: "delete the line named, or move the file away and add each technician again with `kioskctl technician add NAME`")
        }
    }

    // MARK: Disk, unit, clock

    static func disk(_ stateDirectory: String) -> Finding {
        var info = statvfs()
        guard statvfs(stateDirectory, &info) == 0 else {
            return Finding(
                check: "disk", seen: "\(stateDirectory) is missing",
                fix: "start kioskd once (`systemctl start kioskd`) or make it: `install -d -o kioskd -g kioskd -m 0750 \(stateDirectory)`")
        }
        let free = UInt64(info.f_bavail).multipliedReportingOverflow(by: UInt64(info.f_frsize))
        let freeBytes = free.overflow ? UInt64.max : free.partialValue
        let seen = "\(freeBytes >> 20) MiB free for \(stateDirectory)"
        guard freeBytes >= minimumFreeBytes else {
            return Finding(
                check: "disk", seen: seen,
                fix: "free space: `journalctl --vacuum-size=100M`, `apt-get clean`; the tickets in \(stateDirectory) must stay")
        }
        return Finding(check: "disk", seen: seen)
    }

    /// kioskd.service's state, when systemd runs this machine and the unit is installed.
    static func unit() -> Finding {
        guard access("/run/systemd/system", F_OK) == 0 else {
            return Finding(check: "unit", seen: "systemd does not run this machine: kioskd.service not checked")
        }
        let show = { (property: String) in
            Subprocess.output(["systemctl", "show", "--property=" + property, "--value", "kioskd.service"])?.trimmingWhitespace ?? "?"
        }
        guard show("LoadState") == "loaded" else {
            return Finding(check: "unit", seen: "kioskd.service is not installed (kioskd does not run from the package)")
        }
        let active = show("ActiveState"), status = show("StatusText")
        let seen = "kioskd.service is \(active)" + (status.isEmpty ? "" : " (\(status))")
        if active != "active" {
            return Finding(check: "unit", seen: seen, fix: "read why: `journalctl -u kioskd -b`; then `systemctl restart kioskd`")
        }
        if status.hasPrefix("out of service") || status.hasPrefix("reload refused") {
            return Finding(check: "unit", seen: seen, fix: "see docs/operations.md for this fault; the log: `journalctl -u kioskd -b`")
        }
        return Finding(check: "unit", seen: seen)
    }

    /// The clock is plausible, and (when linked) the server answers and agrees with it.
    static func clock(server: ServerConfig?) -> [Finding] {
        let now = WallClock.milliseconds()
        let year2025: Int64 = 1_735_689_600_000
        let local = Finding(
            check: "clock", seen: "it is \(now / 1000) s since 1970",
            fix: now < year2025 ? "set the clock: `timedatectl set-ntp true`, or `timedatectl set-time 'YYYY-MM-DD HH:MM'`" : nil)
        guard let server else { return [local] }
        let reply: HTTPReply
        let sentAt = WallClock.milliseconds()
        do {
            reply = try CurlTransport(baseURL: server.url, timeoutMilliseconds: 5000, caFile: server.caFile)
                .send(HTTPRequest(method: "GET", path: "/healthz"))
        } catch {
            return [local, Finding(
                check: "server", seen: "\(server.url) does not answer: \(error)",
                fix: "check the network cable and `ping` the server; tickets are issued offline meanwhile and sync later")]
        }
        let receivedAt = WallClock.milliseconds()
        let reachable = Finding(
            check: "server", seen: "\(server.url)/healthz answered \(reply.status)",
            fix: reply.status == 200 ? nil : "the server is up but unwell: tell the server's administrator")
        guard let date = reply.headers["date"] else { return [local, reachable] }
        let offset = ClockOffset()
        offset.add(dateHeader: date, sentAt: sentAt, receivedAt: receivedAt)
        let skew = offset.milliseconds
        let compared = Finding(
            check: "clock", seen: "the server's clock is \(skew) ms from this kiosk's",
            fix: skew.magnitude > maximumClockSkewMilliseconds.magnitude
                ? "turn on time sync: `timedatectl set-ntp true` (or point systemd-timesyncd at the mall's NTP server)" : nil)
        return [local.fix == nil ? compared : local, reachable]
    }

    // MARK: Helpers

    private static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func userName(_ uid: uid_t) -> String {
        getpwuid(uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(uid)"
    }

    private static func groupName(_ gid: gid_t) -> String {
        getgrgid(gid).flatMap { $0.pointee.gr_name.map { String(cString: $0) } } ?? "\(gid)"
    }

    private static func padded(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    private static func directoryEntries(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else { throw SystemCallError(call: "opendir", subject: path, errno: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

/// Runs a program found on PATH and returns what it wrote to stdout (nil when it could not start).
private enum Subprocess {
    static func output(_ arguments: [String]) -> String? {
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        close(pipeFDs[1])
        defer { close(pipeFDs[0]) }
        guard spawned == 0 else { return nil }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(pipeFDs[0], &buffer, buffer.count)
            if count > 0 { bytes += buffer.prefix(count) } else if count == 0 || errno != EINTR { break }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A TCP connection attempt with a deadline, to see whether a network printer answers.
private enum TCPProbe {
    /// Nil when `host`:`port` accepted a connection within the deadline; else what went wrong.
    static func connect(host: String, port: Int, timeoutMilliseconds: Int32) -> String? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let address = list else { return "cannot resolve \(host): \(String(cString: gai_strerror(resolved)))" }
        defer { freeaddrinfo(list) }
        let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return nil }
        guard errno == EINPROGRESS else { return String(cString: strerror(errno)) }
        var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        guard poll(&waiting, 1, timeoutMilliseconds) == 1 else { return "no answer within \(timeoutMilliseconds) ms" }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error == 0 ? nil : String(cString: strerror(error))
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
