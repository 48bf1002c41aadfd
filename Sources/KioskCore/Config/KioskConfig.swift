/// Everything a kiosk needs to start, read from its JSON configuration file.
///
/// Relative paths in the file are resolved against the file's own directory, so every path
/// here is absolute.
public struct KioskConfig: Sendable, Equatable {
    /// This kiosk's identity, e.g. `MPP-BADUNG-K01`; printed on tickets and used in logs.
    public var kioskID: String
    /// The mall's name as printed on the ticket header.
    public var mallName: LocalizedText
    /// Absolute path of the catalogue file.
    public var cataloguePath: String
    /// Where `catalogue` is written in the configuration file: a catalogue that cannot be read is a
    /// configuration error at that line (``ConfigFiles``).
    public var catalogueWrittenAt = JSONValue.nowhere
    public var display: DisplayConfig
    public var input: InputConfig
    public var printer: PrinterConfig
    /// Absolute path of the directory that holds durable state (SQLite, snapshots).
    public var stateDirectory: String
    /// Local time of the mall; Indonesia keeps no daylight saving time.
    public var timeZone: KioskTimeZone
    /// Seconds without a touch before "Masih di sini? / Still there?" (default 30).
    public var idleTimeoutSeconds: Int
    /// Seconds "Still there?" counts down before the kiosk returns to its first screen (default 10; 0: none).
    public var idlePromptSeconds: Int
    /// Seconds the "take your ticket" screen stays before the first screen (default 10).
    public var ticketScreenSeconds: Int
    /// For demonstrations and after-hours acceptance tests only: every service takes tickets
    /// whatever its opening hours (quotas still apply). Never set on a kiosk serving the public.
    public var alwaysOpen: Bool
    /// The operator's choice to show each agency's services most used today first (default false: the
    /// catalogue's order, which citizens may have learnt).
    public var mostUsedServicesFirst = false
    /// The barcode scanner, if the kiosk has one.
    public var scanner: ScannerConfig?
    /// The queue server; nil keeps the kiosk standalone (its own numbering, no network).
    public var server: ServerConfig?
    /// The technician's hidden gesture (`diagnostics` in kiosk.json); nil: the defaults.
    public var diagnostics: DiagnosticsSettings?
    /// The speech guidance's headphone output (`speech`); nil: the kiosk has no speech guidance.
    public var speech: SpeechConfig?
    /// Absolute path of the Unix socket `kioskctl` talks to kioskd through (`controlSocket`).
    public var controlSocket = KioskConfig.defaultControlSocket
    /// Where systemd's `RuntimeDirectory=kioskd` puts the control socket.
    public static let defaultControlSocket = "/run/kioskd/control.sock"

    public init(
        kioskID: String, mallName: LocalizedText, cataloguePath: String, display: DisplayConfig,
        input: InputConfig, printer: PrinterConfig, stateDirectory: String,
        timeZone: KioskTimeZone = .wita, idleTimeoutSeconds: Int = 30, ticketScreenSeconds: Int = 10,
        alwaysOpen: Bool = false, scanner: ScannerConfig? = nil, server: ServerConfig? = nil, idlePromptSeconds: Int = 10
    ) {
        self.kioskID = kioskID
        self.mallName = mallName
        self.cataloguePath = cataloguePath
        self.display = display
        self.input = input
        self.printer = printer
        self.stateDirectory = stateDirectory
        self.timeZone = timeZone
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.idlePromptSeconds = idlePromptSeconds
        self.ticketScreenSeconds = ticketScreenSeconds
        self.alwaysOpen = alwaysOpen
        self.scanner = scanner
        self.server = server
    }
}

/// A fixed-offset local time zone (WIB +07:00, WITA +08:00, WIT +09:00).
public struct KioskTimeZone: Sendable, Equatable {
    /// Abbreviation printed on tickets, e.g. `WITA`.
    public var abbreviation: String
    public var offsetSeconds: Int
    public init(abbreviation: String, offsetSeconds: Int) {
        self.abbreviation = abbreviation
        self.offsetSeconds = offsetSeconds
    }
    /// Waktu Indonesia Tengah (Asia/Makassar, UTC+8): Bali's time.
    public static let wita = KioskTimeZone(abbreviation: "WITA", offsetSeconds: 8 * 3600)
}

/// Screen orientation and size in pixels.
public struct ScreenSize: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
    public var isPortrait: Bool { height > width }
}

/// Where the kiosk draws.
public struct DisplayConfig: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// No screen: each frame is written as a PNG to `snapshotPath`.
        case headless
        /// DRM/KMS dumb buffers on `device`, flipped on vertical blank.
        case drm
        /// Linux framebuffer `device` (mmap).
        case fbdev
    }
    public var kind: Kind
    /// The frame as the citizen sees it (portrait 1080×1920 on a kiosk).
    public var size: ScreenSize
    /// Device node for `drm`/`fbdev`.
    public var device: String?
    /// Absolute path of the PNG the current screen is written to (every kind may keep one).
    public var snapshotPath: String?
    /// How far the panel is mounted turned, clockwise: the frame is turned back in the copy.
    public var rotation: DisplayRotation
    /// The panel mode to set (`drm`); nil takes the connector's preferred mode.
    public var mode: DisplayMode?
    /// The technicians' VNC view of the same frames; nil (the default) serves none.
    public var vnc: VNCConfig?
    /// The panel's picture in millimetres as the citizen sees it (`panelMillimetres`); the 21.5-inch
    /// design panel unless configured.
    public var panel: PanelSize

    public init(
        kind: Kind, size: ScreenSize, device: String? = nil, snapshotPath: String? = nil, rotation: DisplayRotation = .none,
        mode: DisplayMode? = nil, vnc: VNCConfig? = nil, panel: PanelSize? = nil
    ) {
        self.panel = panel ?? .designPanel(for: size)
        self.vnc = vnc
        self.kind = kind
        self.size = size
        self.device = device
        self.snapshotPath = snapshotPath
        self.rotation = rotation
        self.mode = mode
    }
}

/// The technicians' VNC view (off unless configured).
public struct VNCConfig: Sendable, Equatable {
    /// IPv4 address to listen on; 127.0.0.1 (reached through an SSH tunnel) unless set.
    public var interface: String
    public var port: Int
    /// File holding the password on its first line; must be mode 0600 (kioskd refuses to start otherwise).
    public var passwordFile: String
    /// Clicks from the viewer tap the screen; off: the view is view-only.
    public var allowInput: Bool

    public init(interface: String = "127.0.0.1", port: Int = 5900, passwordFile: String, allowInput: Bool = false) {
        self.interface = interface
        self.port = port
        self.passwordFile = passwordFile
        self.allowInput = allowInput
    }
}

/// A panel mounted turned by a quarter turns clockwise.
public enum DisplayRotation: Int, Sendable, CaseIterable {
    case none = 0, quarter = 90, half = 180, threeQuarters = 270

    /// The panel's size for a frame of `size`: width and height swap for a quarter turn.
    public func panelSize(for size: ScreenSize) -> ScreenSize {
        self == .quarter || self == .threeQuarters ? ScreenSize(width: size.height, height: size.width) : size
    }
}

/// A display mode asked for by name: `1920x1080`, optionally with a refresh rate (`1920x1080@60`).
public struct DisplayMode: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var refreshHz: Int?
    public init(width: Int, height: Int, refreshHz: Int? = nil) {
        self.width = width
        self.height = height
        self.refreshHz = refreshHz
    }

    /// Parses `WxH` or `WxH@R`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let size = parts[0].split(separator: "x", omittingEmptySubsequences: false)
        guard size.count == 2, let w = Int(size[0]), let h = Int(size[1]), (1...16384).contains(w), (1...16384).contains(h),
            size.allSatisfy({ $0.allSatisfy(\.isASCII) })
        else { return nil }
        var refresh: Int?
        if parts.count == 2 {
            guard let r = Int(parts[1]), (1...1000).contains(r), parts[1].allSatisfy(\.isASCII) else { return nil }
            refresh = r
        }
        self.init(width: w, height: h, refreshHz: refresh)
    }

    public var description: String { "\(width)x\(height)" + (refreshHz.map { "@\($0)" } ?? "") }
}

/// The range an absolute input axis reports, inclusive.
public struct AxisRange: Sendable, Hashable {
    public var minimum: Int32
    public var maximum: Int32
    public init(minimum: Int32, maximum: Int32) {
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// Where touches come from.
public struct InputConfig: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `struct input_event` records from a device node, a file or a FIFO; or, when `path` is a
        /// directory such as `/dev/input`, the first touchscreen in it that satisfies `match`.
        case evdev
        /// An evemu recording (`evemu-record` text), replayed once, for demos and tests.
        case evemu
    }
    public var kind: Kind
    /// Absolute path of the device node, file, FIFO, directory to search, or evemu file.
    public var path: String
    /// Axis ranges, needed when `path` is not a device that can be asked (a FIFO or file).
    public var xRange: AxisRange?
    public var yRange: AxisRange?
    /// Which device to pick when `path` is a directory.
    public var match: InputMatch
    /// A 6-value matrix in libinput's `LIBINPUT_CALIBRATION_MATRIX` convention; nil is identity.
    public var calibration: [Double]?
    public var orientation: TouchOrientation
    public var gestures: GestureTimings

    public init(
        kind: Kind, path: String, xRange: AxisRange? = nil, yRange: AxisRange? = nil, match: InputMatch = InputMatch(),
        calibration: [Double]? = nil, orientation: TouchOrientation = TouchOrientation(),
        gestures: GestureTimings = GestureTimings()
    ) {
        self.kind = kind
        self.path = path
        self.xRange = xRange
        self.yRange = yRange
        self.match = match
        self.calibration = calibration
        self.orientation = orientation
        self.gestures = gestures
    }
}

/// Thermal paper width.
public enum PaperWidth: String, Sendable, CaseIterable {
    case mm58 = "58mm"
    case mm80 = "80mm"
    /// Printable dots per line at 203 dpi.
    public var dots: Int {
        switch self {
        case .mm58: 384
        case .mm80: 576
        }
    }
}

/// The ticket printer and how to reach it.
public struct PrinterConfig: Sendable, Equatable {
    public enum Transport: Sendable, Equatable {
        /// Append ESC/POS bytes to a file (or a device node such as `/dev/usb/lp0`).
        case file(path: String)
        /// Raw TCP, as Ethernet receipt printers speak on port 9100.
        case tcp(host: String, port: Int)
        /// A raw CUPS queue (not in this build yet).
        case cups(queue: String)
        /// Direct USB by vendor and product id (not in this build yet).
        case usb(vendorID: UInt16, productID: UInt16)

        /// The config file's name for this kind.
        public var kindName: String {
            switch self {
            case .file: "file"
            case .tcp: "tcp"
            case .cups: "cups"
            case .usb: "usb"
            }
        }
    }
    public var transport: Transport
    public var paper: PaperWidth
    /// The printer model (see devices/printers); the generic POS-58 or POS-80 when not named.
    public var profile: PrinterProfile
    /// The operator allows a number shown only on screen when the printer cannot print: the
    /// citizen is told before choosing a service, and may still take a number to note down.
    public var allowScreenOnlyTickets: Bool
    /// Length of a full paper roll in metres, for the paper counter (default 80).
    public var rollLengthMeters: Int

    public init(
        transport: Transport, paper: PaperWidth, profile: PrinterProfile? = nil, allowScreenOnlyTickets: Bool = false,
        rollLengthMeters: Int = 80
    ) {
        self.transport = transport
        self.paper = paper
        self.profile = profile ?? .generic(paper)
        self.allowScreenOnlyTickets = allowScreenOnlyTickets
        self.rollLengthMeters = rollLengthMeters
    }
}
