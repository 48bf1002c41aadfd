import KioskCore
import KioskDevices
import KioskLink
import KioskRuntime

/// kioskctl: the technician's tool for a kiosk.
let usage = """
    usage: kioskctl [--config PATH] COMMAND
      tap X Y              touch the screen at pixel (X, Y): writes a tap into the kiosk's touch FIFO
      check-config         check the configuration and catalogue, and say what they describe
      tickets [--day DAY]  list the tickets this kiosk issued on DAY (YYYY-MM-DD, default today)
    PATH defaults to $KIOSKD_CONFIG, else /etc/kioskd/kiosk.json.
    """

/// A technician's mistake or a kiosk problem, said plainly.
struct CommandError: Error, CustomStringConvertible {
    var description: String
}

func fail(_ message: String, status: Int32 = 1) -> Never {
    let line = Array("kioskctl: \(message)\n".utf8)
    line.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(status)
}

/// Writes a tap at screen point (`x`, `y`) into the touch FIFO the daemon reads.
func tap(x: Int, y: Int, config: KioskConfig) throws {
    let size = config.display.size
    guard (0..<size.width).contains(x), (0..<size.height).contains(y) else {
        throw CommandError(description: "(\(x), \(y)) is off the \(size.width)x\(size.height) screen")
    }
    let path = config.input.path
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else {
        throw CommandError(description: "\(path) is not a FIFO: tap only writes to a virtual touch input")
    }
    let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
        if errno == ENXIO { throw CommandError(description: "kioskd is not reading \(path): is it running?") }
        throw SystemError(call: "open", subject: path, errno: errno)
    }
    defer { close(fd) }
    let ranges = InputGeometry.ranges(config)
    let scaler = AxisScaler(xRange: ranges.x, yRange: ranges.y, screen: size)
    let bytes = InputEventCodec.encode(SyntheticTouch.tap(x: x, y: y, scaler: scaler, trackingID: getpid() & 0x7FFF))
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count else { throw SystemError(call: "write", subject: path, errno: errno) }
}

func checkConfig(_ path: String) throws {
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
}

func listTickets(day: String?, config: KioskConfig) throws {
    let store = try TicketStore(path: config.stateDirectory + "/tickets.sqlite")
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    let today = LocalTime(Timestamp(secondsSinceEpoch: Int64(now.tv_sec)), zone: config.timeZone).dayKey
    let tickets = try store.tickets(day: day ?? today)
    print("\(tickets.count) tickets on \(day ?? today)")
    for ticket in tickets {
        let time = LocalTime(ticket.issuedAt, zone: config.timeZone)
        var line = "\(time.timeText):\(time.second < 10 ? "0" : "")\(time.second)  \(ticket.number)  "
            + "\(ticket.serviceID)  \(ticket.outcome.rawValue)  \(ticket.id)"
        if let reason = ticket.failureReason { line += "  (\(Log.escaped(reason)))" }
        print(line)
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
var configPath = ConfigFiles.defaultPath
if arguments.first == "--config" {
    guard arguments.count >= 2 else { fail("--config needs a path\n\(usage)", status: 64) }
    configPath = arguments[1]
    arguments.removeFirst(2)
}

do {
    switch arguments.first {
    case "tap":
        guard arguments.count == 3, let x = Int(arguments[1]), let y = Int(arguments[2]) else {
            fail("tap needs two whole numbers: kioskctl tap X Y", status: 64)
        }
        try tap(x: x, y: y, config: ConfigFiles.load(configPath).config)
    case "check-config":
        try checkConfig(arguments.count > 1 ? arguments[1] : configPath)
    case "tickets":
        let day = arguments.count == 3 && arguments[1] == "--day" ? arguments[2] : nil
        try listTickets(day: day, config: ConfigFiles.load(configPath).config)
    case "help", "-h", "--help", nil:
        print(usage)
    case let other?:
        fail("unknown command \"\(other)\"\n\(usage)", status: 64)
    }
} catch let error as ConfigError {
    fail("configuration error: \(error)", status: 78)
} catch {
    fail("\(error)")
}
