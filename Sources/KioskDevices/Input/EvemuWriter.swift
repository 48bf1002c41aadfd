import KioskCore

/// Writes evemu's text format (`evemu-record`), which ``EvemuRecording`` reads back.
public enum EvemuWriter {
    /// The `# EVEMU 1.3` header with `N:`, `I:`, `P:`, `B:` and `A:` lines.
    /// - Parameter axes: by `ABS_*` code; written in code order.
    public static func header(identity: DeviceIdentity, capabilities: DeviceCapabilities, axes: [UInt16: AxisInfo]) -> String {
        var lines = ["# EVEMU 1.3", "N: \(identity.name)"]
        lines.append("I: " + [identity.bus, identity.vendor, identity.product, identity.version].map { hex($0, 4) }.joined(separator: " "))
        lines.append("P: " + padded(capabilities.properties).map { hex($0, 2) }.joined(separator: " "))
        for type in capabilities.bits.keys.sorted() {
            let bytes = padded(capabilities.bits[type] ?? [])
            for start in stride(from: 0, to: bytes.count, by: 8) {
                lines.append("B: " + ([UInt8(type)] + bytes[start..<start + 8]).map { hex($0, 2) }.joined(separator: " "))
            }
        }
        for code in axes.keys.sorted() {
            let info = axes[code]!
            lines.append("A: \(hex(code, 2)) \(info.range.minimum) \(info.range.maximum) 0 0 \(info.resolution)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `E: seconds.microseconds type code value`, type and code in hex as evemu writes them.
    public static func line(_ event: InputEvent) -> String {
        let micro = String(event.microseconds)
        return "E: \(event.seconds).\(String(repeating: "0", count: max(0, 6 - micro.count)))\(micro) "
            + "\(hex(event.type, 4)) \(hex(event.code, 4)) \(event.value)\n"
    }

    private static func padded(_ bytes: [UInt8]) -> [UInt8] {
        let count = max(8, (bytes.count + 7) / 8 * 8)
        return bytes + [UInt8](repeating: 0, count: count - bytes.count)
    }

    private static func hex<T: BinaryInteger>(_ value: T, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
