/// How a device stands, for the technician: ok, a warning (it still works), or a fault.
public enum DeviceLevel: Sendable, Hashable {
    case ok, warning, fault
}

/// One device's level and, in words, why (from its driver: a path, a mode, an error).
public struct DeviceFact: Sendable, Hashable {
    public var level: DeviceLevel
    public var detail: String

    public init(level: DeviceLevel, detail: String) {
        self.level = level
        self.detail = detail
    }
}

/// What the runtime knows of the kiosk that the core does not: sent while diagnostics is open
/// (``Event/diagnosticsFacts(_:)``) and shown on the overview. The printer's condition is the core's own.
public struct DiagnosticsFacts: Sendable, Hashable {
    public var version: String
    /// When this kioskd started.
    public var startedAt: Timestamp
    /// The machine's network addresses (loopback left out).
    public var addresses: [String]
    public var touch: DeviceFact
    /// Nil when the kiosk has no scanner configured.
    public var scanner: DeviceFact?
    public var display: DeviceFact
    /// The queue server link; nil for a standalone kiosk.
    public var server: DeviceFact?
    /// Paper left on the roll by the paper counter, in millimetres; nil when the kiosk does not count.
    public var paperLeftMillimetres: Int?
    /// A saved calibration can be undone (the previous one is kept).
    public var canUndoCalibration = false
    /// The queue server link; nil for a standalone kiosk.
    public var network: NetworkFacts?
    /// The last lines of kioskd's log, oldest first.
    public var logLines: [String] = []

    public init(
        version: String, startedAt: Timestamp, addresses: [String], touch: DeviceFact, scanner: DeviceFact?,
        display: DeviceFact, server: DeviceFact?, paperLeftMillimetres: Int? = nil
    ) {
        self.paperLeftMillimetres = paperLeftMillimetres
        self.version = version
        self.startedAt = startedAt
        self.addresses = addresses
        self.touch = touch
        self.scanner = scanner
        self.display = display
        self.server = server
    }

    /// The printer's level: ready is ok; low paper and "not asked yet" are warnings; the rest faults.
    public static func level(of printer: PrinterCondition) -> DeviceLevel {
        switch printer {
        case .ready: .ok
        case .paperNearEnd, .unknown: .warning
        case .paperOut, .coverOpen, .offline, .cutterError, .notAnswering: .fault
        }
    }

    /// The printer's condition in words.
    public static func words(for printer: PrinterCondition) -> LocalizedText {
        switch printer {
        case .ready: LocalizedText(indonesian: "siap mencetak", english: "ready to print")
        case .paperNearEnd: LocalizedText(indonesian: "kertas hampir habis", english: "paper running low")
        case .paperOut: LocalizedText(indonesian: "kertas habis", english: "out of paper")
        case .coverOpen: LocalizedText(indonesian: "penutup terbuka", english: "cover open")
        case .offline: LocalizedText(indonesian: "tidak terhubung atau mati", english: "offline or switched off")
        case .cutterError: LocalizedText(indonesian: "pemotong kertas macet", english: "cutter jammed")
        case .unknown: LocalizedText(indonesian: "tidak dapat ditanya", english: "cannot be asked")
        case .notAnswering: LocalizedText(indonesian: "tidak menjawab", english: "not answering")
        }
    }
}
