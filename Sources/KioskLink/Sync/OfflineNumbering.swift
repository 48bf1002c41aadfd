import KioskCore

/// Numbers for tickets issued while the queue server cannot be reached.
///
/// A leased number is the service's normal number (`A-507`): the server reserved it for this kiosk.
/// When no lease is left, the kiosk prints a kiosk-marked number, `A-K01-0001`: the service prefix,
/// the kiosk's mark (the last `-` segment of its id, so kiosk ids of one mall must differ there) and
/// a four-digit count of the kiosk's fallback tickets that day. It cannot collide with a leased or
/// online number (those have digits only after the prefix) nor with another kiosk's (other mark).
public enum OfflineNumbering {
    /// The mark of kiosk `kioskID`: its last `-` segment, at most 10 characters, uppercased.
    public static func mark(kioskID: String) -> String {
        String((kioskID.split(separator: "-").last.map(String.init) ?? kioskID).uppercased().suffix(10))
    }

    /// The kiosk-marked fallback number `count` (from 1) of `service`.
    public static func fallbackNumber(for service: Service, mark: String, count: Int) -> String {
        let digits = String(count)
        return service.prefix + "-" + mark + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
