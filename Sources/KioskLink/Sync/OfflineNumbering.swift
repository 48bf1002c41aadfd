import KioskCore

/// Numbers for tickets issued while the queue server cannot be reached.
///
/// A leased number is the service's normal number (`A-507`): the server reserved it for this kiosk.
/// When no lease is left, the kiosk prints a kiosk-marked number, `A-K01-0001`: the service prefix,
/// the kiosk's mark and a four-digit count of the kiosk's fallback tickets that day. The mark is the
/// one the server assigned (with every lease), unique among its kiosks; before the first lease it is
/// the last `-` segment of the kiosk's id, which the server also assigns when no other kiosk has it.
/// It cannot collide with a leased or online number (those have digits only after the prefix) nor
/// with another kiosk's (other mark); the server refuses a fallback number already held all the same.
public enum OfflineNumbering {
    /// The mark of kiosk `kioskID`: its last `-` segment, at most 10 characters, uppercased.
    public static func mark(kioskID: String) -> String {
        String((kioskID.split(separator: "-").last.map(String.init) ?? kioskID).uppercased().suffix(10))
    }

    /// Whether `number` is `prefix-mark-NNNN` (four or more digits).
    public static func isFallbackNumber(_ number: String, prefix: String, mark: String) -> Bool {
        let head = prefix + "-" + mark + "-"
        guard number.hasPrefix(head), number.utf8.count <= 24 else { return false }
        let digits = number.utf8.dropFirst(head.utf8.count)
        return digits.count >= 4 && digits.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// The kiosk-marked fallback number `count` (from 1) of `service`.
    public static func fallbackNumber(for service: Service, mark: String, count: Int) -> String {
        let digits = String(count)
        return service.prefix + "-" + mark + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
