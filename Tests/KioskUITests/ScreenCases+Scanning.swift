import KioskCore

@testable import KioskUI

extension Fixtures {
    static let bookingCode = BookingCode(symbols: "7QH2M9XKD4")!

    static func booking(priority: TicketPriority? = nil) -> Booking {
        Booking(
            code: bookingCode, serviceID: familyCard, day: today,
            window: TimeRange(start: TimeOfDay(hour: 10, minute: 0), end: TimeOfDay(hour: 10, minute: 30)),
            priority: priority)
    }

    /// The scanning and priority screens, named like their golden images.
    static let scanningStates: [(String, KioskState)] = {
        var prioritised = state(.services(civilRegistry, page: 0))
        prioritised.priority = .pregnant
        var homePriority = state(.home)
        homePriority.priority = .elderly
        var choosing = state(.priorityChoice, .english)
        choosing.priority = .elderly
        return [
            ("checking-booking-id", state(.checking(.booking(bookingCode)))),
            ("booking-id", state(.booking(booking()))),
            ("booking-priority-en", state(.booking(booking(priority: .elderly)), .english)),
            ("priority-choice-id", state(.priorityChoice)),
            ("priority-choice-en", choosing),
            ("services-priority-id", prioritised),
            ("home-priority-id", homePriority),
            ("ticket-status-id", state(.ticketStatus(ticket()))),
            ("ticket-status-en", state(.ticketStatus(ticket(.english)), .english)),
            ("scan-notice-used", state(.scanNotice(.bookingUsed))),
            ("scan-notice-unreadable", state(.scanNotice(.scanNotReadable))),
        ]
    }()
}
