/// What a scanned code turned out to be. Nothing a scanner reads is trusted: every code is
/// classified here, in the pure core, before anything acts on it.
public enum ScannedCode: Sendable, Hashable {
    /// A citizen's online booking.
    case booking(BookingCode)
    /// A technician's badge: `TECH-` and 4 to 16 of `A`–`Z`, `0`–`9`.
    case technicianBadge(String)
    /// A ticket this system printed: its id, alone or at the end of a `/t/{id}` link.
    case ownTicket(TicketID)
    /// Printable text of no known kind.
    case unknown
    /// Not acceptable input at all; never shown, printed or logged raw.
    case rejected(ScanRejection)
}

/// Why scanned bytes were refused.
public enum ScanRejection: Sendable, Hashable {
    case empty
    /// Longer than ``ScanClassifier/maximumLength`` bytes.
    case tooLong(bytes: Int)
    /// Not valid UTF-8.
    case invalidUTF8
    /// A control character or escape sequence at this byte offset (from a hostile or misconfigured scanner).
    case controlCharacter(offset: Int)
}

/// Validates and classifies scanned bytes.
public enum ScanClassifier {
    /// Longest code accepted, in bytes.
    public static let maximumLength = 512

    /// Classifies `bytes` as read from a scanner (prefix, suffix and symbology id already removed).
    public static func classify(_ bytes: [UInt8]) -> ScannedCode {
        if let rejection = validate(bytes) { return .rejected(rejection) }
        let text = String(decoding: bytes, as: UTF8.self)
        if let booking = BookingCode(text) { return .booking(booking) }
        if isBadge(text) { return .technicianBadge(text) }
        if let id = ticketID(in: text) { return .ownTicket(id) }
        return .unknown
    }

    /// Why `bytes` cannot be accepted, or nil when they are printable UTF-8 of acceptable length.
    public static func validate(_ bytes: [UInt8]) -> ScanRejection? {
        if bytes.isEmpty { return .empty }
        if bytes.count > maximumLength { return .tooLong(bytes: bytes.count) }
        var offset = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if isControl(scalar) { return .controlCharacter(offset: offset) }
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return .invalidUTF8
            }
        }
    }

    /// `bytes` made safe for a log line: printable ASCII kept, everything else as `\xNN`, and cut
    /// at 64 bytes (`…` marks the cut). A scanned code never reaches a log raw.
    public static func escapedForLog(_ bytes: [UInt8]) -> String {
        var out = ""
        for byte in bytes.prefix(64) {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return bytes.count > 64 ? out + "…(\(bytes.count) bytes)" : out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true  // C0, DEL and C1 controls (ESC starts every escape sequence).
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true  // Invisible and bidi overrides.
        default: false
        }
    }

    /// A technician badge's text: `TECH-` and 4 to 16 of `A`–`Z`, `0`–`9`.
    public static func isBadge(_ text: String) -> Bool {
        guard text.hasPrefix("TECH-") else { return false }
        let id = text.utf8.dropFirst(5)
        return (4...16).contains(id.count)
            && id.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// A ticket id alone, or as the last path component of a `…/t/{id}` link.
    private static func ticketID(in text: String) -> TicketID? {
        if let id = TicketID(text) { return id }
        guard text.hasPrefix("https://") || text.hasPrefix("http://") else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[parts.count - 2] == "t" else { return nil }
        return TicketID(String(parts[parts.count - 1]))
    }
}
