import KioskCore
import KioskLink

/// The kioskctl commands that ask the running kioskd through its control socket (status, tickets, tap,
/// scan, restart), and what they print: the answer's JSON with `--json`, else lines for a person.
enum KioskctlDaemonCommands {
    static let usage = """
          status               the running kioskd: devices, screen, PIN pad, queue server link; while it is out of
                               service, why (exit 1: out of service, or token refused)
          tap X Y              touch the screen at pixel (X, Y), as a tap on the touchscreen would
        \(KioskctlScanCommand.usage)
          tickets [--day DAY]  the tickets this kiosk issued on DAY (YYYY-MM-DD, default today); without a
                               running kioskd, read from the ledger file
          restart              kioskd restarts in place as soon as no citizen is mid-journey (at once when out of service)
          logs                 kioskd's last log lines (also while it is out of service)
          calibrate            open the 5-point touch calibration on the kiosk's screen (between citizens)
          sync                 a linked kiosk sends its outbox and a heartbeat now (between citizens)
        """

    /// Asks the kioskd of `config`; a kioskd that is not running is a failure (exit 69).
    static func ask(_ request: ControlRequest, _ config: KioskConfig) throws -> ControlAnswer {
        try ask(request, socket: config.controlSocket)
    }

    /// Asks the kioskd listening at `socket`; one not running (or out of service) is a failure (exit 69).
    static func ask(_ request: ControlRequest, socket: String) throws -> ControlAnswer {
        switch try ControlConnection.ask(request, socket: socket) {
        case .answered(let answer): return try succeeded(answer)
        case .notRunning(let why):
            throw KioskctlCommand.Failure(description: "kioskd not running: \(why)", status: KioskctlExit.unreachable)
        }
    }

    /// Asks the kioskd of `config`; nil when it is not running or out of service (then it holds no device and
    /// no ledger: the caller does without it).
    static func askIfRunning(_ request: ControlRequest, _ config: KioskConfig) throws -> ControlAnswer? {
        switch try ControlConnection.ask(request, socket: config.controlSocket) {
        case .answered(let answer):
            if case .outOfService(let why)? = answer.problem {
                KioskctlCommand.note("kioskd is out of service and holds no device: \(Log.escaped(why))")
                return nil
            }
            return try succeeded(answer)
        case .notRunning: return nil
        }
    }

    /// The control socket of the configuration at `configPath`, and the configuration when it loads: a broken
    /// one still names its socket (kioskd out of service listens there; see ``ControlSocketPath``).
    static func target(_ configPath: String) -> (socket: String, config: Result<KioskConfig, any Error>) {
        do {
            let config = try ConfigFiles.load(configPath).config
            return (config.controlSocket, .success(config))
        } catch {
            let absolute = Files.absolute(configPath)
            return (ControlSocketPath.salvaged(kioskJSON: try? Files.readText(absolute), path: absolute), .failure(error))
        }
    }

    /// `answer` when it says ok; its problem as a failure with the matching exit status otherwise.
    private static func succeeded(_ answer: ControlAnswer) throws -> ControlAnswer {
        if let problem = answer.problem {
            throw KioskctlCommand.Failure(description: "kioskd: " + problem.message, status: KioskctlExit.status(problem))
        }
        return answer
    }

    static func tap(x: Int, y: Int, _ config: KioskConfig, json: Bool) throws {
        let size = config.display.size
        guard (0..<size.width).contains(x), (0..<size.height).contains(y) else {
            throw KioskctlCommand.Failure(description: "(\(x), \(y)) is off the \(size.width)x\(size.height) screen", status: 64)
        }
        let answer = try ask(.tap(x: x, y: y), config)
        KioskctlCommand.show(answer, json: json) {}  // Silent when it worked; --json says whether a button was there.
    }

    static func tickets(day: String?, _ config: KioskConfig, json: Bool) throws {
        if let day, case .failure(let problem) = ControlRequest.parse(Array(ControlRequest.tickets(day: day).line.utf8)) {
            throw KioskctlCommand.Failure(description: problem.message, status: KioskctlExit.usage)
        }
        let answer: ControlAnswer
        if let asked = try askIfRunning(.tickets(day: day), config) {
            answer = asked
        } else {
            KioskctlCommand.note("kioskd not running: read from the file")
            let store = try TicketStore(path: config.stateDirectory + "/tickets.sqlite")
            let chosen = day ?? LocalTime(Clock.now(), zone: config.timeZone).dayKey
            answer = ControlAnswer(ControlFacts.tickets(try store.tickets(day: chosen), day: chosen, zone: config.timeZone))
        }
        KioskctlCommand.show(answer, json: json) {
            print("\(answer["count"]?.integerValue ?? 0) tickets on \(answer["day"]?.stringValue ?? "?")")
            guard case .array(let tickets)? = answer["tickets"]?.content else { return }
            for ticket in tickets {
                let field = { (key: String) in ticket[key]?.stringValue ?? "" }
                print("\(field("time"))  \(field("number"))  \(field("service"))  \(field("outcome"))  \(field("id"))"
                    + (ticket["reason"]?.stringValue.map { "  (\(Log.escaped($0)))" } ?? ""))
            }
            if answer["truncated"]?.content == .bool(true) { print("(only the first \(ControlFacts.maximumTickets) listed)") }
        }
    }

    /// kioskd's status through its socket (also while it is out of service: then why, and exit 1); without an
    /// answer, a refused token from its status file, else exit 69 (78 when the configuration is broken too).
    static func status(configPath: String, json: Bool) throws {
        let (socket, loaded) = target(configPath)
        let answer: ControlAnswer
        switch try ControlConnection.ask(.status, socket: socket) {
        case .answered(let answered): answer = try succeeded(answered)
        case .notRunning: return try statusWithoutDaemon(try loaded.get(), json: json)
        }
        let text = { (object: String, key: String) in answer[object]?[key]?.stringValue ?? "?" }
        let heading = "kiosk \(answer["kioskId"]?.stringValue ?? "?") (kioskd \(answer["version"]?.stringValue ?? "?")), "
            + "up \(answer["uptimeSeconds"]?.integerValue ?? 0) s"
        if let why = answer["outOfService"]?.stringValue {
            KioskctlCommand.show(answer, json: json) {
                print(heading + ": OUT OF SERVICE")
                print("why: \(why)")  // written out already (ControlAnswer.escapedForTerminal)
                print("kioskd tries again when a configuration file changes, on SIGHUP, every minute, or at `kioskctl restart`; "
                    + "its log: `kioskctl logs`")
            }
            throw KioskctlCommand.Failure(description: "kioskd is out of service: see why above", status: KioskctlExit.failed, answered: true)
        }
        KioskctlCommand.show(answer, json: json) {
            print(heading + ", screen \(answer["screen"]?.stringValue ?? "?")")
            print("configuration: \(answer["configuration"]?.stringValue ?? "?")")
            print("printer: \(text("printer", "condition")): \(text("printer", "reason")); about "
                + "\((answer["printer"]?["paperLeftMillimetres"]?.integerValue ?? 0) / 10) cm of paper left")
            for device in ["touch", "scanner", "display"] {
                print("\(device): \(text(device, "level"))" + (answer[device]?["detail"]?.stringValue.map { " (\($0))" } ?? ""))
            }
            let link = answer["server"]?["link"]?["detail"]?.stringValue
            print(text("server", "url") == "standalone" ? "standalone numbering: no queue server configured"
                : "queue server \(text("server", "url")): \(link ?? "?")")
            let pad = answer["pinPad"]
            print(pad?["locked"]?.content == .bool(true)
                ? "PIN pad: LOCKED until \(pad?["lockedUntil"]?.integerValue ?? 0) (Unix time), lockout \(pad?["lockouts"]?.integerValue ?? 0)"
                : "PIN pad: open (\(pad?["wrongInARow"]?.integerValue ?? 0) wrong in a row, \(pad?["lockouts"]?.integerValue ?? 0) lockouts)")
        }
        if answer["server"]?["tokenRefused"]?.content == .bool(true) {
            throw KioskctlCommand.Failure(description: "the queue server refused the token: see the line above", status: KioskctlExit.failed, answered: true)
        }
    }

    /// kioskd's last log lines (it keeps the last ``LogMemory/capacity``), also while it is out of service.
    static func logs(configPath: String, json: Bool) throws {
        let answer = try ask(.logs, socket: target(configPath).socket)
        KioskctlCommand.show(answer, json: json) {
            guard case .array(let lines)? = answer["lines"]?.content else { return }
            for line in lines { print(line.stringValue ?? "") }
        }
    }

    /// kioskd does not answer (stopped, or its socket off). A token it refused is
    /// still named, from the status file it keeps (never the token itself); anything else is exit 69.
    private static func statusWithoutDaemon(_ config: KioskConfig, json: Bool) throws {
        let path = LinkStatus.path(stateDirectory: config.stateDirectory)
        let unreachable = KioskctlCommand.Failure(
            description: "kioskd not running or not answering on \(config.controlSocket)", status: KioskctlExit.unreachable)
        guard let server = config.server, let line = try? Files.readText(path).split(separator: "\n").first.map(String.init),
            line.hasPrefix("token refused")
        else { throw unreachable }
        KioskctlCommand.note("kioskd not answering: its last queue server status, from \(path)")
        let answer = ControlAnswer([("server", .fields([("url", .text(server.url)), ("link", .text(line)), ("tokenRefused", .flag(true))]))])
        KioskctlCommand.show(answer, json: json) { print("queue server \(server.url): \(line)") }
        throw KioskctlCommand.Failure(description: "the token needs a technician: see the line above", status: KioskctlExit.failed, answered: true)
    }

    /// kioskd restarts in place (between citizens; at once while it is out of service).
    static func restart(configPath: String, json: Bool) throws {
        let answer = try ask(.restart, socket: target(configPath).socket)
        KioskctlCommand.show(answer, json: json) { print("kioskd restarts in place \(answer["restart"]?.stringValue ?? "") (see its log)") }
    }

    static func calibrate(_ config: KioskConfig, json: Bool) throws {
        let answer = try ask(.calibrate, config)
        KioskctlCommand.show(answer, json: json) { print("the calibration is on the kiosk's screen: touch the 5 targets, then Save") }
    }

    static func sync(_ config: KioskConfig, json: Bool) throws {
        let answer = try ask(.syncNow, config)
        KioskctlCommand.show(answer, json: json) { print("sync asked; kioskd logs \"synced as a technician asked\" when done") }
    }
}
