/// How a scanner marks the end of a code, and what it adds around it (from its profile).
public struct ScanFraming: Sendable, Hashable {
    /// The key or byte that ends a scan.
    public enum Suffix: String, Sendable, Hashable, CaseIterable {
        case enter, tab
        /// No suffix: a scan ends after the inter-key gap.
        case none
    }

    public var suffix: Suffix
    /// A pause longer than this (milliseconds) between keys or bytes ends a scan.
    public var gapMilliseconds: Int
    /// Bytes the scanner sends before every code, removed when present.
    public var prefix: [UInt8]
    /// Whether the scanner sends an AIM symbology identifier (`]` + two characters, e.g. `]Q1`
    /// for QR) first; it is removed.
    public var hasSymbologyIdentifier: Bool

    public init(suffix: Suffix = .enter, gapMilliseconds: Int = 50, prefix: [UInt8] = [], hasSymbologyIdentifier: Bool = false) {
        self.suffix = suffix
        self.gapMilliseconds = gapMilliseconds
        self.prefix = prefix
        self.hasSymbologyIdentifier = hasSymbologyIdentifier
    }

    /// The code inside `frame`: prefix and symbology identifier removed where present.
    public func payload(of frame: [UInt8]) -> [UInt8] {
        var bytes = frame[...]
        if !prefix.isEmpty, bytes.starts(with: prefix) { bytes = bytes.dropFirst(prefix.count) }
        if hasSymbologyIdentifier, bytes.count >= 3, bytes.first == UInt8(ascii: "]") { bytes = bytes.dropFirst(3) }
        return Array(bytes)
    }
}

/// One code read from a scanner, before classification.
public struct RawScan: Sendable, Hashable {
    /// The code's bytes, prefix and symbology identifier removed. At most one byte past
    /// the classifier's limit is kept, so an overlong code is still seen as overlong.
    public var bytes: [UInt8]
    /// Keys that type no character in the layout were pressed (function keys, arrows …).
    public var hadUnmappedKeys: Bool

    public init(bytes: [UInt8], hadUnmappedKeys: Bool = false) {
        self.bytes = bytes
        self.hadUnmappedKeys = hadUnmappedKeys
    }
}

/// Splits a byte stream from a serial scanner into scans: at CR or LF (or Tab) per the suffix,
/// or after the gap when the scanner sends no suffix.
public struct SerialScanFramer: Sendable {
    private let framing: ScanFraming
    private let limit: Int
    private var pending: [UInt8] = []
    private var overflowed = false

    /// - Parameter limit: bytes kept per scan; longer scans are cut at `limit + 1` bytes.
    public init(framing: ScanFraming, limit: Int = 512) {
        self.framing = framing
        self.limit = limit
    }

    /// Feeds bytes as they arrive; returns every scan they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [RawScan] {
        var scans: [RawScan] = []
        for byte in bytes {
            if isTerminator(byte) {
                if let scan = finish() { scans.append(scan) }
            } else if pending.count <= limit {
                pending.append(byte)
            }
        }
        return scans
    }

    /// Ends the scan in progress (the gap elapsed); nil when nothing is pending.
    public mutating func finish() -> RawScan? {
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll(keepingCapacity: true) }
        return RawScan(bytes: framing.payload(of: pending))
    }

    private func isTerminator(_ byte: UInt8) -> Bool {
        switch framing.suffix {
        case .enter: byte == 0x0D || byte == 0x0A
        case .tab: byte == 0x09
        case .none: false
        }
    }
}
