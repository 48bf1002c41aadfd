/// Scans, booking check-in, a ticket's place in the queue, and priority tickets.
///
/// A scan is acted on from the first screen, the agency and service screens (and from a
/// notice, so a citizen can scan again); never while a ticket prints. Scanned bytes are never
/// shown, printed or logged raw: only validated codes and ``ScanClassifier/escapedForLog(_:)``.
extension KioskFlow {
    static func scanned(_ bytes: [UInt8], _ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        let code = ScanClassifier.classify(bytes)
        if state.technician.technician != nil, case .diagnostics = state.screen {
            return diagnosticsScan(bytes, code, &state, now)
        }
        if case .technicianBadge(let badge) = code { return badgeScanned(badge, &state, now) }
        guard acceptsScans(state.screen) else {
            return [.log(.info, "scan ignored: the kiosk is busy with a citizen")]
        }
        state.lastActivity = now
        switch code {
        case .booking(let booking):
            state.screen = .checking(.booking(booking))
            return [.lookUpBooking(booking)]
        case .ownTicket(let id):
            state.screen = .checking(.ticket(id))
            return [.lookUpTicket(id)]
        case .unknown:
            state.screen = .scanNotice(.scanUnknown)
            return [.log(.info, "scan of an unknown code: \(ScanClassifier.escapedForLog(bytes))")]
        case .rejected(let rejection):
            state.screen = .scanNotice(.scanNotReadable)
            return [.log(.warning, "scan refused (\(describe(rejection))): \(ScanClassifier.escapedForLog(bytes))")]
        case .technicianBadge:
            return []
        }
    }

    static func bookingLookedUp(
        _ code: BookingCode, _ lookup: BookingLookup, _ state: inout KioskState, _ now: Timestamp,
        _ settings: FlowSettings
    ) -> [Effect] {
        guard state.screen == .checking(.booking(code)) else { return [] }  // A late answer: the citizen left.
        state.lastActivity = now
        switch lookup {
        case .found(let booking) where settings.catalogue.service(booking.serviceID) != nil:
            let check = booking.checkIn(
                at: now, zone: settings.timeZone, earlyMinutes: settings.checkInEarlyMinutes,
                lateMinutes: settings.checkInLateMinutes)
            if check == .accepted, let closed = closedForBooking(booking, &state, now, settings) { return closed }
            state.screen = check == .accepted ? .booking(booking) : .scanNotice(notice(for: check))
            return [.log(.info, "booking \(code) for \(booking.serviceID): " + (check == .accepted ? "may check in" : "refused, \(check)"))]
        case .found:
            state.screen = .scanNotice(.bookingUnknown)
            return [.log(.warning, "booking \(code) names a service that is not in the catalogue")]
        case .unknown:
            state.screen = .scanNotice(.bookingUnknown)
            return [.log(.info, "booking \(code) is not known")]
        case .alreadyUsed:
            state.screen = .scanNotice(.bookingUsed)
            return [.log(.info, "booking \(code) has already checked in")]
        case .unavailable:
            state.screen = .scanNotice(.bookingUnavailable)
            return [.log(.warning, "booking \(code) could not be looked up: the directory is unavailable")]
        }
    }

    static func ticketLookedUp(_ id: TicketID, _ ticket: Ticket?, _ state: inout KioskState, _ now: Timestamp) {
        guard state.screen == .checking(.ticket(id)) else { return }
        state.lastActivity = now
        state.screen = ticket.map { .ticketStatus($0) } ?? .scanNotice(.ticketNotFound)
        // A ticket's place in the queue is told in the language the ticket was taken in.
        if let ticket {
            state.language = ticket.language
            state.languageChosen = true
        }
    }

    /// Presses on the scanning screens; any other press changes nothing.
    static func scanningPress(
        _ action: Action, _ state: inout KioskState, _ context: StepContext, _ settings: FlowSettings
    ) -> [Effect] {
        switch (state.screen, action) {
        case (.booking(let booking), .takeBookedTicket):
            return checkIn(booking, &state, context, settings)
        case (.booking, .back), (.scanNotice, .back), (.ticketStatus, .done):
            startAfresh(&state)
        default:
            break
        }
        return []
    }

    /// When `booking`'s service takes no tickets at `now` (its hours, a break, the last-ticket cutoff, a day off: as the
    /// queue server checks a booking's check-in), shows it closed and returns what to log; nil while it is open. A
    /// booking's window does not open a closed service, and its quota is not the walk-in citizens'.
    private static func closedForBooking(
        _ booking: Booking, _ state: inout KioskState, _ now: Timestamp, _ settings: FlowSettings
    ) -> [Effect]? {
        guard let service = settings.catalogue.service(booking.serviceID),
            case .closed = state.availability(of: service, now: now, settings: settings)
        else { return nil }
        state.screen = .unavailable(service.id)
        return [.log(.info, "booking \(booking.code) for \(booking.serviceID): refused, the service takes no tickets now")]
    }

    /// Issues the ticket for `booking`, if its window still allows it (the citizen may have lingered) and its service
    /// takes tickets now.
    private static func checkIn(
        _ booking: Booking, _ state: inout KioskState, _ context: StepContext, _ settings: FlowSettings
    ) -> [Effect] {
        let check = booking.checkIn(
            at: context.now, zone: settings.timeZone, earlyMinutes: settings.checkInEarlyMinutes,
            lateMinutes: settings.checkInLateMinutes)
        guard let service = settings.catalogue.service(booking.serviceID) else {
            state.screen = .scanNotice(.bookingUnknown)
            return []
        }
        guard check == .accepted else {
            state.screen = .scanNotice(notice(for: check))
            return []
        }
        if let closed = closedForBooking(booking, &state, context.now, settings) { return closed }
        if printerTurnsAway(&state, settings) { return [] }
        if settings.linked {
            return requestNumber(
                for: service, priority: booking.priority, bookingCode: booking.code, returnTo: .home, &state, context,
                settings)
        }
        var ticket = state.nextTicket(for: service, session: nil, context, zone: settings.timeZone)  // a booking has its own window
        ticket.priority = booking.priority
        ticket.bookingCode = booking.code
        return handOut(ticket, &state)
    }

    private static func acceptsScans(_ screen: Screen) -> Bool {
        switch screen {
        case .home, .agencies, .category, .letter, .services, .notice, .unavailable, .scanNotice: true
        case .ticket, .checking, .booking, .priorityChoice, .ticketStatus, .outOfService, .diagnostics, .survey: false
        }
    }

    private static func notice(for check: BookingCheck) -> TextKey {
        switch check {
        case .wrongDay: .bookingWrongDay
        case .tooEarly: .bookingTooEarly
        case .tooLate: .bookingTooLate
        case .accepted: .bookingUnknown  // Not reached: an accepted booking needs no notice.
        }
    }

    static func describe(_ rejection: ScanRejection) -> String {
        switch rejection {
        case .empty: "empty"
        case .tooLong(let bytes): "\(bytes) bytes, longer than \(ScanClassifier.maximumLength)"
        case .invalidUTF8: "not UTF-8"
        case .controlCharacter(let offset): "control character at byte \(offset)"
        }
    }
}
