import KioskCore
import KioskDevices
import KioskLink

/// The technician's command line, `kioskctl`. The executable only calls ``main(_:)``.
public enum KioskctlCommand {
    static let usage = """
        usage: kioskctl [--config PATH] COMMAND
          tap X Y              touch the screen at pixel (X, Y): writes a tap into the kiosk's touch FIFO
        \(KioskctlScanCommand.usage)
          check-config [FILE]  check a configuration and its catalogue, and say what they describe
        \(KioskctlReloadCommand.usage)
          tickets [--day DAY]  list the tickets this kiosk issued on DAY (YYYY-MM-DD, default today)
        \(KioskctlPrinterCommands.usage)
        \(KioskctlStatusCommand.usage)
        \(KioskctlDoctorCommand.usage)
        \(KioskctlTechnicianCommand.usage)
        PATH defaults to $KIOSKD_CONFIG, else /etc/kioskd/kiosk.json.
        """

    /// A technician's mistake or a kiosk problem, said plainly, with the exit status it gives.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        var status: Int32 = 1
    }

    /// Runs kioskctl with `arguments` (the first is the program name); returns the exit status.
    public static func main(_ arguments: [String]) -> Int32 {
        var rest = Array(arguments.dropFirst())
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
                try tap(x: x, y: y, config: ConfigFiles.load(configPath).config)
            case "scan":
                guard rest.count == 2 else { throw Failure(description: "scan needs one code: kioskctl scan CODE", status: 64) }
                try KioskctlScanCommand.run(rest[1], loaded: ConfigFiles.load(configPath))
            case "check-config":
                try checkConfig(rest.count > 1 ? rest[1] : configPath)
            case "reload":
                try KioskctlReloadCommand.run(configPath: configPath)
            case "tickets":
                let day = rest.count == 3 && rest[1] == "--day" ? rest[2] : nil
                try listTickets(day: day, config: ConfigFiles.load(configPath).config)
            case "input": try KioskctlInputCommands.run(Array(rest.dropFirst()))
            case "printer": try KioskctlPrinterCommands.run(Array(rest.dropFirst()), configPath: configPath)
            case "status": try KioskctlStatusCommand.run(config: ConfigFiles.load(configPath).config)
            case "doctor": return KioskctlDoctorCommand.run(configPath: configPath)
            case "technician": try KioskctlTechnicianCommand.run(Array(rest.dropFirst()), configPath: configPath)
            case "help", "-h", "--help", nil:
                print(usage + "\n" + KioskctlInputCommands.usage)
            case let other?:
                throw Failure(description: "unknown command \"\(other)\"; see kioskctl help", status: 64)
            }
            return 0
        } catch let failure as Failure {
            return complain(failure.description, status: failure.status)
        } catch let error as ConfigError {
            return complain("configuration error: \(error)", status: 78)
        } catch {
            return complain("\(error)", status: 1)
        }
    }

    private static func complain(_ message: String, status: Int32) -> Int32 {
        let line = Array("kioskctl: \(Log.escaped(message))\n".utf8)
        line.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
        return status
    }

    /// Writes a tap at screen point (`x`, `y`) into the touch FIFO the daemon reads.
    static func tap(x: Int, y: Int, config: KioskConfig) throws {
        let size = config.display.size
        guard (0..<size.width).contains(x), (0..<size.height).contains(y) else {
            throw Failure(description: "(\(x), \(y)) is off the \(size.width)x\(size.height) screen", status: 64)
        }
        let path = config.input.path
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else {
            throw Failure(description: "\(path) is not a FIFO: tap only writes to a virtual touch input")
        }
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENXIO { throw Failure(description: "kioskd is not reading \(path): is it running?") }
            throw SystemError(call: "open", subject: path, errno: errno)
        }
        defer { close(fd) }
        let ranges = InputGeometry.ranges(config)
        let scaler = AxisScaler(xRange: ranges.x, yRange: ranges.y, screen: size)
        let events = SyntheticTouch.tap(x: x, y: y, scaler: scaler, trackingID: getpid() & 0x7FFF)
        let bytes = InputEventCodec.encode(events)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw SystemError(call: "write", subject: path, errno: errno) }
    }

    static func checkConfig(_ path: String) throws {
        let loaded = try ConfigFiles.load(path)
        let config = loaded.config, catalogue = loaded.catalogue
        print("configuration \(Files.absolute(path)) is valid")
        print("  kiosk \(config.kioskID): \(config.mallName.indonesian)")
        print("  catalogue \(config.cataloguePath): \(catalogue.agencies.count) agencies, "
            + "\(catalogue.allServices.count) services" + (catalogue.isSample ? " (SAMPLE data)" : ""))
        print("  display \(config.display.kind.rawValue) \(config.display.size.width)x\(config.display.size.height)")
        print("  touch \(config.input.kind.rawValue) \(config.input.path)")
        print("  printer \(config.printer.transport.kindName), \(config.printer.paper.rawValue) paper")
        print("  state \(config.stateDirectory)")
        if config.alwaysOpen { print("  alwaysOpen: opening hours are ignored (demonstrations only)") }
        let calendar = catalogue.calendar
        let today = CalendarDate(LocalTime(Clock.now(), zone: config.timeZone))
        let upcoming = calendar.entries.filter { $0.last >= today }.sorted { $0.first < $1.first }
        print("  calendar: \(calendar.entries.count) dated entries, \(calendar.breaks.count) breaks"
            + (upcoming.first.map { "; next: \($0.first) \($0.kind.rawValue) \($0.name.indonesian)" } ?? ""))
    }

    static func listTickets(day: String?, config: KioskConfig) throws {
        let store = try TicketStore(path: config.stateDirectory + "/tickets.sqlite")
        let chosenDay = day ?? LocalTime(Clock.now(), zone: config.timeZone).dayKey
        let tickets = try store.tickets(day: chosenDay)
        print("\(tickets.count) tickets on \(chosenDay)")
        for ticket in tickets {
            let time = LocalTime(ticket.issuedAt, zone: config.timeZone)
            var line = "\(time.timeText):\(time.second < 10 ? "0" : "")\(time.second)  \(ticket.number)  "
                + "\(ticket.serviceID)  \(ticket.outcome.rawValue)  \(ticket.id)"
            if let reason = ticket.failureReason { line += "  (\(Log.escaped(reason)))" }
            print(line)
        }
    }
}
