import KioskCore

/// Writes the daemon's log: one line per record on standard error, which systemd's journal keeps.
///
/// Every value that came from outside (a reason from a driver, a name from a file) goes through
/// ``escaped(_:)`` so no control byte reaches a log line raw.
public enum Log {
    /// Writes `message` at `level`.
    public static func write(_ level: LogLevel, _ message: String) {
        let text = "kioskd \(level.rawValue): \(escaped(message))"
        LogMemory.keep(text)
        let line = Array((text + "\n").utf8)
        line.withUnsafeBytes { _ = Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// `text` with control characters and backslashes written as escapes (`\n`, `\x1b`, `\u{202e}`).
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            case _ where scalar.properties.generalCategory == .format || (0x80...0x9F).contains(scalar.value):
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
