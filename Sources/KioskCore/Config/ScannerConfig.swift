/// How a barcode scanner reaches the kiosk and frames a code: a profile in `devices/scanners/`,
/// or the same keys written in the kiosk configuration.
public struct ScannerSettings: Sendable, Hashable {
    public enum Transport: Sendable, Hashable {
        /// USB HID keyboard wedge through evdev, grabbed so no keystroke reaches a console.
        case evdev
        /// USB CDC-ACM serial at `baud`.
        case serial(baud: Int)
    }

    /// What ends a code.
    public enum Suffix: String, Sendable, Hashable, CaseIterable {
        case enter, tab, none
    }

    public var transport: Transport
    public var suffix: Suffix
    /// A pause longer than this between keys or bytes ends a code (milliseconds).
    public var gapMilliseconds: Int
    /// Text sent before every code, removed.
    public var prefix: String
    /// Whether an AIM symbology identifier (`]Q1` …) comes first, removed.
    public var symbologyIdentifier: Bool

    public init(transport: Transport, suffix: Suffix = .enter, gapMilliseconds: Int = 50, prefix: String = "", symbologyIdentifier: Bool = false) {
        self.transport = transport
        self.suffix = suffix
        self.gapMilliseconds = gapMilliseconds
        self.prefix = prefix
        self.symbologyIdentifier = symbologyIdentifier
    }
}

/// The kiosk's barcode scanner.
public struct ScannerConfig: Sendable, Hashable {
    /// Where the settings come from.
    public enum Source: Sendable, Hashable {
        case inline(ScannerSettings)
        /// Absolute path of a profile file (`devices/scanners/*.json`).
        case profile(path: String)
    }

    /// Absolute path of the device: `/dev/input/…` (or a FIFO) for evdev, `/dev/ttyACM…` (or a pty) for serial.
    public var path: String
    public var source: Source

    public init(path: String, source: Source) {
        self.path = path
        self.source = source
    }
}
