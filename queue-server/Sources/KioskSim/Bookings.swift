import KioskCore

/// A citizen's online booking: a code for a service in a half-hour window of one day, with a priority if they have one.
struct SimBooking {
    var code: BookingCode
    var service: Service
    /// Minutes past local midnight the window starts (it lasts 30).
    var windowStart: Int
    var priority: TicketPriority?

    /// The symbols a booking code is made of (Crockford base32).
    private static let symbols = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The day's bookings: about one citizen in `oneIn` booked online, for a service open at the window's start
    /// (the booking site offers no other), in a window from 08:00 to 14:00; each comes between 20 minutes before their
    /// window and 40 after it opened (check-in allows 60 before and 30 after its end). Returns them with their arrivals.
    static func day(
        citizens: Int, oneIn: Int, midnight: Int64, catalogue: Catalogue, dice: Dice, isOpen: (String, Int64) -> Bool
    ) -> [(booking: SimBooking, arrival: Int64)] {
        let services = catalogue.allServices
        var booked: [(booking: SimBooking, arrival: Int64)] = []
        for _ in 0..<(citizens / max(1, oneIn)) {
            let service = services[Int(dice.int(0...Int64(services.count - 1)))]
            let windowStart = 8 * 60 + 30 * Int(dice.int(0...11))
            let symbols = String((0..<10).map { _ in Self.symbols[Int(dice.int(0...31))] })
            let priority = dice.chance(1.0 / 15) ? TicketPriority.allCases[Int(dice.int(0...3))] : nil
            guard isOpen(service.id.rawValue, DayCurve.at(midnight, minute: windowStart)), let code = BookingCode(symbols: symbols) else { continue }
            let arrival = DayCurve.at(midnight, minute: windowStart - 20) + dice.int(0...60 * 60_000 - 1)
            booked.append((SimBooking(code: code, service: service, windowStart: windowStart, priority: priority), arrival))
        }
        return booked
    }

    /// The bookings file kioskd reads (kiosk-config/README.md, "Bookings file") for `bookings` on `day`.
    static func file(_ bookings: [SimBooking], day: String) -> String {
        func time(_ minute: Int) -> String {
            (minute / 60 < 10 ? "0" : "") + "\(minute / 60):" + (minute % 60 < 10 ? "0" : "") + "\(minute % 60)"
        }
        let lines = bookings.map { booking in
            let priority = booking.priority.map { #", "priority": "\#($0.rawValue)""# } ?? ""
            return #"  {"code": "\#(booking.code)", "service": "\#(booking.service.id.rawValue)", "day": "\#(day)", "#
                + #""window": "\#(time(booking.windowStart))-\#(time(booking.windowStart + 30))"\#(priority)}"#
        }
        return "{\"bookings\": [\n" + lines.joined(separator: ",\n") + "\n]}\n"
    }
}
