import KioskCore
import KioskDevices
import KioskLink

/// The technician's command line, `kioskctl`. The executable only calls ``main(_:)``.
///
/// While kioskd runs, everything that touches a device or the ledger goes through its control socket
/// (``ControlConnection``); the commands that make sense without it say when they did without it.
public enum KioskctlCommand {
    static let usage = """
        usage: kioskctl [--config PATH] [--json] COMMAND
        \(KioskctlDaemonCommands.usage)
          check-config [FILE]  check a configuration and its catalogue, and say what they describe
        \(KioskctlReloadCommand.usage)
        \(KioskctlPrinterCommands.usage)
        \(KioskctlDoctorCommand.usage)
        \(KioskctlTechnicianCommand.usage)
        PATH defaults to $KIOSKD_CONFIG, else /etc/kioskd/kiosk.json. kioskd's control socket is the
        configuration's controlSocket (default /run/kioskd/control.sock).
        --json prints one JSON object per command on standard output ({"ok": true, ...}, or {"ok": false,
          "fault": ..., "error": ...}), every command: doctor's lists its checks, technician add's never holds
          the PIN; input replay always prints JSON lines (one per gesture), input record one object at its end.
        \(KioskctlExit.help)
        """

    /// A technician's mistake or a kiosk problem, said plainly, with the exit status it gives.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        var status: Int32 = 1
        /// The command already printed its answer (with `--json`, its one JSON object): only standard error says why.
        var answered = false
    }

    /// Runs kioskctl with `arguments` (the first is the program name); returns the exit status.
    public static func main(_ arguments: [String]) -> Int32 {
        var rest = Array(arguments.dropFirst())
        let json = rest.contains("--json")
        rest.removeAll { $0 == "--json" }
        var configPath = ConfigFiles.defaultPath
        do {
            if rest.first == "--config" {
                guard rest.count >= 2 else { throw Failure(description: "--config needs a path", status: 64) }
                configPath = rest[1]
                rest.removeFirst(2)
            }
            switch rest.first {
            case "tap":
                guard rest.count == 3, let x = Int(rest[1]), let y = Int(rest[2]) else {
                    throw Failure(description: "tap needs two whole numbers: kioskctl tap X Y", status: 64)
                }
                try KioskctlDaemonCommands.tap(x: x, y: y, ConfigFiles.load(configPath).config, json: json)
            case "scan":
                guard rest.count == 2 else { throw Failure(description: "scan needs one code: kioskctl scan CODE", status: 64) }
                try KioskctlScanCommand.run(rest[1], config: ConfigFiles.load(configPath).config, json: json)
            case "check-config":
                try checkConfig(rest.count > 1 ? rest[1] : configPath, json: json)
            case "reload":
                try KioskctlReloadCommand.run(configPath: configPath, json: json)
            case "restart": try KioskctlDaemonCommands.restart(configPath: configPath, json: json)
            case "logs": try KioskctlDaemonCommands.logs(configPath: configPath, json: json)
            case "calibrate":
                try KioskctlDaemonCommands.calibrate(ConfigFiles.load(configPath).config, json: json)
            case "sync":
                try KioskctlDaemonCommands.sync(ConfigFiles.load(configPath).config, json: json)
            case "tickets":
                guard rest.count == 1 || rest.count == 3 && rest[1] == "--day" else {
                    throw Failure(description: "usage: kioskctl tickets [--day YYYY-MM-DD]", status: 64)
                }
                try KioskctlDaemonCommands.tickets(day: rest.count == 3 ? rest[2] : nil, ConfigFiles.load(configPath).config, json: json)
            case "input": try KioskctlInputCommands.run(Array(rest.dropFirst()), json: json)
            case "printer": try KioskctlPrinterCommands.run(Array(rest.dropFirst()), configPath: configPath, json: json)
            case "status": try KioskctlDaemonCommands.status(configPath: configPath, json: json)
            case "doctor": return KioskctlDoctorCommand.run(configPath: configPath, json: json)
            case "technician": try KioskctlTechnicianCommand.run(Array(rest.dropFirst()), configPath: configPath, json: json)
            case "help", "-h", "--help", nil:
                print(usage + "\n" + KioskctlInputCommands.usage)
            case let other?:
                throw Failure(description: "unknown command \"\(other)\"; see kioskctl help", status: 64)
            }
            return 0
        } catch let failure as Failure {
            return complain(failure.description, status: failure.status, fault: fault(failure.status), json: json && !failure.answered)
        } catch let error as ConfigError {
            return complain("configuration error: \(error)", status: KioskctlExit.config, fault: "config", json: json)
        } catch {
            return complain("\(error)", status: KioskctlExit.failed, fault: "failed", json: json)
        }
    }

    /// Prints `answer` as its JSON line with `json`, else runs `human`.
    static func show(_ answer: ControlAnswer, json: Bool, _ human: () -> Void) {
        if json { print(answer.line) } else { human() }
    }

    /// Tells the technician on standard error how a command was done (standard output stays the answer).
    static func note(_ message: String) {
        let line = Array("kioskctl: \(message)\n".utf8)
        line.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    private static func complain(_ message: String, status: Int32, fault: String, json: Bool) -> Int32 {
        if json {
            print(JSONValue.fields([("ok", .flag(false)), ("fault", .text(fault)), ("error", .text(message))]).jsonText)
        }
        note(Log.escaped(message))
        return status
    }

    /// The `fault` word of a failure's exit status, for `--json`.
    private static func fault(_ status: Int32) -> String {
        switch status {
        case KioskctlExit.deviceFault: "device"
        case KioskctlExit.printerUnreachable: "printer-unreachable"
        case KioskctlExit.usage: "usage"
        case KioskctlExit.unreachable: "unreachable"
        case KioskctlExit.busy: "busy"
        case KioskctlExit.denied: "denied"
        case KioskctlExit.config: "config"
        default: "failed"
        }
    }

    static func checkConfig(_ path: String, json: Bool) throws {
        let loaded = try ConfigFiles.load(path)
        let config = loaded.config, catalogue = loaded.catalogue
        let calendar = catalogue.calendar
        let today = CalendarDate(LocalTime(Clock.now(), zone: config.timeZone))
        let upcoming = calendar.entries.filter { $0.last >= today }.sorted { $0.first < $1.first }
        let answer = ControlAnswer([
            ("configuration", .text(Files.absolute(path))), ("kioskId", .text(config.kioskID)),
            ("agencies", .integer(catalogue.agencies.count)), ("services", .integer(catalogue.allServices.count)),
            ("sample", .flag(catalogue.isSample)), ("controlSocket", .text(config.controlSocket)),
            ("stateDirectory", .text(config.stateDirectory)),
        ])
        show(answer, json: json) {
            print("configuration \(Files.absolute(path)) is valid")
            print("  kiosk \(config.kioskID): \(config.mallName.indonesian)")
            print("  catalogue \(config.cataloguePath): \(catalogue.agencies.count) agencies, "
                + "\(catalogue.allServices.count) services" + (catalogue.isSample ? " (SAMPLE data)" : ""))
            print("  display \(config.display.kind.rawValue) \(config.display.size.width)x\(config.display.size.height)")
            print("  touch \(config.input.kind.rawValue) \(config.input.path)")
            print("  printer \(config.printer.transport.kindName), \(config.printer.paper.rawValue) paper")
            print("  state \(config.stateDirectory); control socket \(config.controlSocket)")
            if config.alwaysOpen { print("  alwaysOpen: opening hours are ignored (demonstrations only)") }
            print("  calendar: \(calendar.entries.count) dated entries, \(calendar.breaks.count) breaks"
                + (upcoming.first.map { "; next: \($0.first) \($0.kind.rawValue) \($0.name.indonesian)" } ?? ""))
        }
    }
}
