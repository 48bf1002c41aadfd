import KioskProtocol
import KioskSQLite

/// The decisions of a booking's check-in that both stores make the same way, on the booking's row
/// as both read it: service, day, priority, ticket id (once checked in) and site, in that order.
enum BookingRules {
    private static let characters = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".utf8))

    /// Checks the form of a booking code: 4–32 of A–Z, 0–9 and `-` (`invalid-booking-code`).
    static func checkCode(_ code: String) throws {
        guard (4...32).contains(code.utf8.count), code.utf8.allSatisfy({ characters.contains($0) }) else {
            throw Problems.unprocessable("invalid-booking-code", "Not a booking code", "a booking code is 4–32 of A–Z, 0–9 and -")
        }
    }

    static let unknown = Problem(type: "/problems/booking-unknown", title: "Unknown booking", status: 404, detail: "no booking with this code")
    static let used = Problems.conflict("booking-used", "Booking already used", "this booking already has a ticket")

    /// The ticket a check-in at `site` asks for: the booking's service and priority, the kiosk's
    /// id, moment and language. A booking names its building: another site's is refused.
    static func ticketRequest(_ booking: [SQLValue], _ request: CheckInRequest, ticketID: String, site: String) throws -> IssueTicketRequest {
        let bookedSite = try booking.text(4)
        guard bookedSite == site else {
            throw Problems.unprocessable(
                "booking-other-site", "Booking is for another building", "this booking is for site \(Problems.quoted(bookedSite))")
        }
        return IssueTicketRequest(
            ticketId: ticketID, serviceId: try booking.text(0), issuedAt: request.issuedAt,
            clockOffsetMs: request.clockOffsetMs, language: request.language, priority: try booking.int(2) == 1)
    }

    /// Checks that the booking is for `day`, the day of the kiosk's moment (`booking-wrong-day`).
    static func checkDay(_ booking: [SQLValue], day: String) throws {
        let booked = try booking.text(1)
        guard booked == day else {
            throw Problems.unprocessable("booking-wrong-day", "Booking is for another day", "this booking is for \(booked), not \(day)")
        }
    }

    /// A new check-in whose ticket id another ticket already has.
    static func idTaken(_ ticketID: String) -> Problem {
        Problems.unprocessable("idempotency-mismatch", "Ticket id already used", "ticket \(ticketID) exists with other content")
    }
}
