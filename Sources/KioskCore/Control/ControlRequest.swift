/// What `kioskctl` asks the running kioskd over its control socket: one line of JSON, such as
/// `{"command":"tap","x":540,"y":960}`. Everything in it is hostile until ``parse(_:)`` said yes.
public enum ControlRequest: Sendable, Hashable {
    /// The kiosk's devices, screen, queue server link and PIN pad, as kioskd sees them now.
    case status
    /// The ledger's tickets of `day` (`YYYY-MM-DD`; nil: today in the kiosk's time zone).
    case tickets(day: String?)
    /// A touch at screen pixel (`x`, `y`), hit-tested like a tap on the touchscreen.
    case tap(x: Int, y: Int)
    /// A code read at the scanner (its bytes, without prefix or suffix).
    case scan(String)
    /// The printer's condition as kioskd last learned it, and the paper left.
    case printerStatus
    /// A test page marked TEST (never a ticket), between citizens only.
    case printerTest
    /// A new paper roll is in: the paper counter starts again.
    case paperReset
    /// kioskd restarts in place as soon as no citizen is mid-journey.
    case restart
    /// The 5-point calibration opens on the kiosk's screen for the technician at it, between citizens only.
    case calibrate
    /// A linked kiosk sends its outbox and a heartbeat now.
    case syncNow
    /// kioskd's last log lines, oldest first (also while it is out of service).
    case logs

    /// A request line longer than this (newline excluded) is refused unread.
    public static let maximumLineBytes = 4096
    /// The longest code `scan` takes, in UTF-8 bytes (a scanner's framing allows no more).
    public static let maximumScanBytes = 256

    /// The request's `command` word.
    public var command: String {
        switch self {
        case .status: "status"
        case .tickets: "tickets"
        case .tap: "tap"
        case .scan: "scan"
        case .printerStatus: "printer status"
        case .printerTest: "printer test"
        case .paperReset: "paper reset"
        case .restart: "restart"
        case .calibrate: "calibrate"
        case .syncNow: "sync"
        case .logs: "logs"
        }
    }

    /// The request as one line of JSON, without the newline.
    public var line: String {
        var members = [("command", JSONValue.text(command))]
        switch self {
        case .tickets(let day?): members.append(("day", .text(day)))
        case .tap(let x, let y): members += [("x", .integer(x)), ("y", .integer(y))]
        case .scan(let code): members.append(("code", .text(code)))
        default: break
        }
        return JSONValue.fields(members).jsonText
    }

    /// Reads one request line (without its newline); a problem says what is wrong in words.
    public static func parse(_ bytes: some Collection<UInt8>) -> Result<ControlRequest, ControlProblem> {
        guard bytes.count <= maximumLineBytes else {
            return .failure(.usage("request longer than \(maximumLineBytes) bytes"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.usage("request is not UTF-8")) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            return .failure(.usage("request is not JSON: \(error.problem)"))
        }
        guard case .object(let members) = value.content else { return .failure(.usage("request is not a JSON object")) }
        guard case .string(let command)? = value["command"]?.content else {
            return .failure(.usage("request has no \"command\" string"))
        }
        let allowed: Set<String>
        let request: ControlRequest
        switch command {
        case "status": (allowed, request) = ([], .status)
        case "printer status": (allowed, request) = ([], .printerStatus)
        case "printer test": (allowed, request) = ([], .printerTest)
        case "paper reset": (allowed, request) = ([], .paperReset)
        case "restart": (allowed, request) = ([], .restart)
        case "calibrate": (allowed, request) = ([], .calibrate)
        case "sync": (allowed, request) = ([], .syncNow)
        case "logs": (allowed, request) = ([], .logs)
        case "tickets":
            var day: String?
            if let node = value["day"] {
                guard case .string(let text) = node.content, isDay(text) else {
                    return .failure(.usage("\"day\" must be a date YYYY-MM-DD"))
                }
                day = text
            }
            (allowed, request) = (["day"], .tickets(day: day))
        case "tap":
            guard let x = value["x"].flatMap(coordinate), let y = value["y"].flatMap(coordinate) else {
                return .failure(.usage("tap needs \"x\" and \"y\", whole numbers from 0 to 65535"))
            }
            (allowed, request) = (["x", "y"], .tap(x: x, y: y))
        case "scan":
            guard case .string(let code)? = value["code"]?.content, (1...maximumScanBytes).contains(code.utf8.count) else {
                return .failure(.usage("scan needs \"code\", a string of 1 to \(maximumScanBytes) bytes"))
            }
            (allowed, request) = (["code"], .scan(code))
        default:
            return .failure(.usage("unknown command \"\(ScanClassifier.escapedForLog(Array(command.utf8.prefix(64))))\""))
        }
        if let extra = members.first(where: { $0.key != "command" && !allowed.contains($0.key) }) {
            return .failure(.usage("\(command) takes no \"\(ScanClassifier.escapedForLog(Array(extra.key.utf8.prefix(64))))\""))
        }
        return .success(request)
    }

    /// A whole number from 0 to 65535, written as digits only (no sign, fraction or exponent).
    private static func coordinate(_ node: JSONValue) -> Int? {
        guard case .number(let text) = node.content, (1...5).contains(text.utf8.count),
            text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let value = Int(text),
            value <= 65535
        else { return nil }
        return value
    }

    /// `YYYY-MM-DD` with digits where digits belong (the ledger is asked for that key, nothing more).
    private static func isDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}

/// Why kioskd did not do what a control request asked, as the answer's `fault` names it.
public enum ControlProblem: Error, Sendable, Hashable {
    /// The request itself is wrong (kioskctl exits 64).
    case usage(String)
    /// The peer is not root, kioskd's user or a member of the socket's group (exit 77).
    case denied(String)
    /// Not now: a citizen is mid-journey, or kioskd is busy (exit 75).
    case busy(String)
    /// A device cannot do it: a fault a person fixes (exit 2).
    case device(String)
    /// kioskd tried and failed (exit 1).
    case failed(String)
    /// kioskd is out of service (a broken configuration, a device that cannot be set up): it answers only
    /// status, logs and restart (exit 69, as when it is not running).
    case outOfService(String)

    /// The `fault` word of the answer.
    public var fault: String {
        switch self {
        case .usage: "usage"
        case .denied: "denied"
        case .busy: "busy"
        case .device: "device"
        case .failed: "failed"
        case .outOfService: "out-of-service"
        }
    }

    /// What went wrong, in words.
    public var message: String {
        switch self {
        case .usage(let text), .denied(let text), .busy(let text), .device(let text), .failed(let text),
            .outOfService(let text): text
        }
    }

    /// The problem named by `fault` with `message`; nil for a fault word this kioskctl does not know.
    public init?(fault: String, message: String) {
        switch fault {
        case "usage": self = .usage(message)
        case "denied": self = .denied(message)
        case "busy": self = .busy(message)
        case "device": self = .device(message)
        case "failed": self = .failed(message)
        case "out-of-service": self = .outOfService(message)
        default: return nil
        }
    }
}
