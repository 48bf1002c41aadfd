import Foundation

/// A real `cupsd` (Debian's `cups`) for a test: its own configuration, spool and logs in a fresh
/// temporary directory, listening on a free loopback port, with no authentication.
///
/// Queues are added with the real `lpadmin`. `stop()` (or release) ends the scheduler and removes
/// the directory.
public final class CupsServer: Sendable {
    /// The directory holding the configuration, spool, state and logs.
    public let directory: String
    /// The port cupsd listens on at 127.0.0.1.
    public let port: Int
    private let pid: pid_t

    /// `127.0.0.1:PORT`, as libcups and the CUPS tools (`-h`) take it.
    public var server: String { "127.0.0.1:\(port)" }

    /// Starts cupsd in the foreground and waits until it accepts connections.
    public init() throws {
        let template = NSTemporaryDirectory() + "kioskd-cups-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw CupsServerError("cannot make a temporary directory") }
        directory = String(cString: made)
        for sub in ["spool", "spool/tmp", "cache", "state", "log", "ppd", "bin", "bin/backend"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
        }
        try Self.linkServerBin(into: directory + "/bin")
        // The spool is written by cupsd (root) and read by backends running as lp.
        chmod(directory, 0o755)
        chmod(directory + "/spool/tmp", 0o1777)
        port = try Self.freePort()
        try """
            Listen 127.0.0.1:\(port)
            LogLevel info
            WebInterface No
            Browsing No
            DefaultAuthType None
            <Location />
              Order allow,deny
              Allow all
            </Location>
            <Policy default>
              JobPrivateAccess all
              JobPrivateValues none
              SubscriptionPrivateAccess all
              SubscriptionPrivateValues none
              <Limit All>
                Order deny,allow
              </Limit>
            </Policy>

            """.write(toFile: directory + "/cupsd.conf", atomically: true, encoding: .utf8)
        let user = getuid() == 0 ? "User lp\nGroup lp\nSystemGroup root\n" : ""
        try """
            ServerRoot \(directory)
            RequestRoot \(directory)/spool
            CacheDir \(directory)/cache
            StateDir \(directory)/state
            TempDir \(directory)/spool/tmp
            ErrorLog \(directory)/log/error_log
            AccessLog \(directory)/log/access_log
            PageLog \(directory)/log/page_log
            Printcap \(directory)/printcap
            ServerBin \(directory)/bin
            DataDir /usr/share/cups
            \(user)
            """.write(toFile: directory + "/cups-files.conf", atomically: true, encoding: .utf8)

        pid = try Self.spawn(
            "/usr/sbin/cupsd", ["-f", "-c", directory + "/cupsd.conf", "-s", directory + "/cups-files.conf"])
        let deadline = Date().addingTimeInterval(15)
        while !Self.accepts(port: port) {
            guard kill(pid, 0) == 0, Date() < deadline else {
                let log = errorLog
                stop()
                throw CupsServerError("cupsd did not start on port \(port): \(log)")
            }
            usleep(10_000)
        }
    }

    /// Starts `path` with `arguments`, output to /dev/null, with every signal unblocked and at its
    /// default: a child spawned from a Dispatch worker thread would otherwise inherit that thread's
    /// blocked signals and ignore SIGTERM.
    private static func spawn(_ path: String, _ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard status == 0 else { throw CupsServerError("cannot start \(path): \(String(cString: strerror(status)))") }
        return pid
    }

    deinit { stop() }

    /// Debian's /usr/lib/cups, linked piece by piece into `bin`, with a backend directory of its
    /// own so a test can add backends (``addQueue(_:backend:)``).
    private static func linkServerBin(into bin: String) throws {
        let files = FileManager.default
        for entry in try files.contentsOfDirectory(atPath: "/usr/lib/cups") where entry != "backend" {
            try files.createSymbolicLink(atPath: bin + "/" + entry, withDestinationPath: "/usr/lib/cups/" + entry)
        }
        for entry in try files.contentsOfDirectory(atPath: "/usr/lib/cups/backend") {
            try files.createSymbolicLink(
                atPath: bin + "/backend/" + entry, withDestinationPath: "/usr/lib/cups/backend/" + entry)
        }
        chmod(bin, 0o755)
        chmod(bin + "/backend", 0o755)
    }

    /// Backends that misbehave as printers do, for queues made with ``addQueue(_:backend:)``.
    public enum TestBackend: String, Sendable, CaseIterable {
        /// Takes the job, raises `media-empty-error` ("Out of paper") while it runs, and completes
        /// it: what a raw queue does when the bytes reached a printer with no paper.
        case mediaEmpty = "kiosktest-media-empty"
        /// Takes the job and says it is waiting for the printer, for a minute: an unreachable printer.
        case hangs = "kiosktest-hangs"
        /// Takes the job, raises `door-open-report` and completes it: what CUPS's network backends
        /// say of a printer whose cover is open (backend/snmp-supplies.c maps the SNMP
        /// `doorOpen` bit to that keyword, at report severity).
        case doorOpen = "kiosktest-door-open"
        /// Takes the job, raises `cutter-jam-error` (a finisher reason of the IPP registry) and completes it.
        case cutterJam = "kiosktest-cutter-jam"
        /// Reads the job's first 64 bytes and then nothing more, for a minute, saying nothing: a
        /// printer that stopped reading, as the socket backend sees it (its write blocks).
        case stopsReading = "kiosktest-stops-reading"

        var script: String {
            let body: String
            switch self {
            case .mediaEmpty:
                body = "echo 'STATE: +media-empty-error' >&2\necho 'ERROR: Out of paper' >&2\nsleep 0.3\nexit 0\n"
            case .hangs:
                body = "echo 'STATE: +connecting-to-device' >&2\n"
                    + "echo 'INFO: Waiting for printer to become available.' >&2\nsleep 60\nexit 1\n"
            case .doorOpen:
                body = "echo 'STATE: +door-open-report' >&2\nsleep 0.3\nexit 0\n"
            case .cutterJam:
                body = "echo 'STATE: +cutter-jam-error' >&2\necho 'ERROR: Cutter jammed' >&2\nsleep 0.3\nexit 0\n"
            case .stopsReading:
                body = "sleep 60\nexit 1\n"
            }
            let read = self == .stopsReading ? "head -c 64" : "cat"
            return "#!/bin/sh\n# A kioskd test backend (\(rawValue)); see CupsServer.TestBackend.\n"
                + "if [ $# -eq 0 ]; then echo 'direct \(rawValue) \"Unknown\" \"kioskd test backend\"'; exit 0; fi\n"
                + "\(read) \"${6:-/dev/stdin}\" > /dev/null\n" + body
        }
    }

    /// Adds queue `name`, enabled and accepting raw jobs, printing through test backend `backend`.
    public func addQueue(_ name: String, backend: TestBackend) throws {
        let path = directory + "/bin/backend/" + backend.rawValue
        if !FileManager.default.fileExists(atPath: path) {
            try backend.script.write(toFile: path, atomically: false, encoding: .utf8)
            // 0700: cupsd runs it as root, and accepts it only if nobody else may write it.
            chmod(path, 0o700)
        }
        try run("lpadmin", ["-p", name, "-E", "-v", backend.rawValue + ":/", "-m", "raw",
                            "-o", "printer-error-policy=abort-job"])
    }

    /// Adds queue `name`, enabled and accepting jobs, sending raw jobs to `socket://127.0.0.1:PORT`,
    /// with the error policy `abort-job` (a job the printer breaks off ends as aborted, the queue stays up).
    public func addRawQueue(_ name: String, printerPort: Int) throws {
        try run("lpadmin", ["-p", name, "-E", "-v", "socket://127.0.0.1:\(printerPort)", "-m", "raw",
                            "-o", "printer-error-policy=abort-job"])
    }

    /// Runs a CUPS tool (`lpadmin`, `cupsdisable`, `cupsenable`, `cupsreject`, …) against this
    /// server; throws with its output when it fails.
    public func run(_ tool: String, _ arguments: [String]) throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/sbin/" + tool)
        if !FileManager.default.fileExists(atPath: "/usr/sbin/" + tool) {
            child.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        }
        child.arguments = ["-h", server] + arguments
        let pipe = Pipe()
        child.standardOutput = pipe
        child.standardError = pipe
        try child.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        guard child.terminationStatus == 0 else {
            throw CupsServerError("\(tool) \(arguments.joined(separator: " ")) failed: \(output)")
        }
    }

    /// cupsd's error log so far (for failure messages).
    public var errorLog: String {
        (try? String(contentsOfFile: directory + "/log/error_log", encoding: .utf8)) ?? ""
    }

    /// Ends cupsd (SIGTERM, then SIGKILL after 5 s) and removes its directory. Safe to call more than once.
    public func stop() {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGTERM)
            for _ in 0..<500 where waitpid(pid, &status, WNOHANG) == 0 { usleep(10_000) }
            if waitpid(pid, &status, WNOHANG) == 0 {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A loopback port nobody listens on right now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw CupsServerError("no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// The test CUPS server could not be set up, and why.
public struct CupsServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
