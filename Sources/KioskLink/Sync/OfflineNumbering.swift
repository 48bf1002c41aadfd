import KioskCore

/// Numbers for tickets issued while the queue server cannot be reached.
///
/// A leased number is the service's normal number (`A-507`): the server reserved it for this kiosk.
/// When no lease is left, the kiosk prints a kiosk-marked number, `A-K01-0001`: the service prefix,
/// the kiosk's mark and a four-digit count of the kiosk's fallback tickets that day. The mark is the
/// one the server assigned (with every lease), unique among its kiosks. Before the first lease the
/// kiosk has no mark and numbers no fallback ticket (``NoMark``): a mark taken from its id's tail
/// collides with another kiosk's (`MPP-L1-K01`, `MPP-L2-K01`), and such paper is refused at sync.
/// It cannot collide with a leased or online number (those have digits only after the prefix) nor
/// with another kiosk's (other mark); the server refuses a fallback number already held all the same.
/// The format and the server's marks: ``FallbackMark``.
public enum OfflineNumbering {
    /// No lease is left and the queue server has not assigned this kiosk a mark yet: the kiosk cannot
    /// number offline (the citizen is asked to see the staff; the kiosk is online-only until its first lease).
    public struct NoMark: Error, CustomStringConvertible {
        public init() {}
        public var description: String {
            "no leased number left and no fallback mark from the queue server yet (it comes with the first lease): online only"
        }
    }

    /// The kiosk numbered a daily quota of fallback numbers of the service today: the queue server takes no more
    /// of them from one kiosk (`over-kiosk-quota`, since a hostile token could flood a queue with them), so it
    /// numbers no more (the citizen hears the ticket was not recorded, as without a mark).
    public struct QuotaReached: Error, CustomStringConvertible {
        public let quota: Int
        public init(quota: Int) { self.quota = quota }
        public var description: String {
            "\(quota) fallback numbers of this service today, its daily quota: the queue server takes no more from one kiosk"
        }
    }

    /// The kiosk-marked fallback number `count` (from 1) of `service`.
    public static func fallbackNumber(for service: Service, mark: String, count: Int) -> String {
        let digits = String(count)
        return service.prefix + "-" + mark + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
