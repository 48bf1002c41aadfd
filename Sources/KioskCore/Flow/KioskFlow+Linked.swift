/// Linked kiosks: the queue server numbers each ticket (online within the deadline, else the
/// runtime numbers it offline from a lease, when the core says so); the core waits on a short "getting your number"
/// screen, then hands the ticket out exactly as a standalone kiosk does.
extension KioskFlow {
    /// Asks the runtime to number a ticket for `service`, in the citizen's language, with
    /// `priority`; a refusal returns to `returnTo`.
    static func requestNumber(
        for service: Service, priority: TicketPriority?, bookingCode: BookingCode?, returnTo: ReturnPoint,
        _ state: inout KioskState, _ context: StepContext, _ settings: FlowSettings
    ) -> [Effect] {
        if state.link.cannotNumber {
            // The first screen says so already; a booking scanned meanwhile hears it too, before any number is asked.
            state.screen = .notice(.noNumberOffline, returnTo: .home)
            return []
        }
        let request = NumberRequest(
            id: context.freshTicketID, serviceID: service.id, agencyID: service.agencyID,
            day: LocalTime(context.now, zone: settings.timeZone).dayKey, issuedAt: context.now, language: state.language,
            priority: priority, bookingCode: bookingCode, deadlineMilliseconds: settings.numberDeadlineMilliseconds)
        state.pendingNumber = request
        state.pendingReturn = returnTo
        state.screen = .checking(.number(request.id))
        return [.requestNumber(request)]
    }

    /// The server's answer: its number, a refusal the citizen is told about, or (anything else) the kiosk
    /// numbers the ticket itself, from a lease, under the same id. An answer after the deadline passed
    /// changes nothing: the ticket is being numbered offline already.
    static func serverAnswered(
        _ request: NumberRequest, _ answer: ServerAnswer, _ state: inout KioskState, _ now: Timestamp,
        _ settings: FlowSettings
    ) -> [Effect] {
        if state.numberingOffline.contains(request.id) {
            // The server takes a copy it stored late and the synced offline ticket as one ticket (docs/ticket-identity.md).
            return [.log(.info, "ticket \(request.id): the queue server answered after the deadline (\(answer.summary)); numbered offline")]
        }
        if case .numbered(let ticket) = answer { return numbered(request.id, ticket, &state, now, settings) }
        if let refusal = answer.refusal { return [.forgetNumber(request.id)] + refused(request.id, refusal, &state, now) }
        // Also when the citizen left: a copy the server stored late must meet its offline twin, which is then voided.
        state.numberingOffline.insert(request.id)
        return [.numberOffline(request)]
    }

    /// The deadline passed with no answer from the server: the citizen waits no longer, the ticket is
    /// numbered offline under the same id. Nothing when the answer came first.
    static func numberDeadlinePassed(_ id: TicketID, _ state: inout KioskState) -> [Effect] {
        guard let request = state.pendingNumber, request.id == id, !state.numberingOffline.contains(id) else { return [] }
        state.numberingOffline.insert(id)
        return [
            .log(.warning, "ticket \(id): no answer from the queue server within \(request.deadlineMilliseconds) ms; numbered offline"),
            .numberOffline(request),
        ]
    }

    /// The number came: print the ticket (or show it, when the printer cannot print and the operator
    /// allows numbers on screen; when not, nobody can hold the number, so the server voids it).
    static func numbered(
        _ id: TicketID, _ numbered: NumberedTicket, _ state: inout KioskState, _ now: Timestamp, _ settings: FlowSettings
    ) -> [Effect] {
        state.numberingOffline.remove(id)
        guard let request = state.pendingNumber, request.id == id, state.screen == .checking(.number(id)) else {
            // Numbered after the citizen left: nobody holds it, so the server must void it.
            if state.pendingNumber?.id == id { state.pendingNumber = nil }
            return [
                .log(.warning, "ticket \(id) numbered \(numbered.number) after the citizen left"),
                .voidNumber(id, reason: "numbered after the citizen left"),
            ]
        }
        state.pendingNumber = nil
        state.lastActivity = now
        if printerTurnsAway(&state, settings) {
            // The printer went down while the number was being asked (heard by its idle watch).
            return [
                .log(.warning, "ticket \(id) numbered \(numbered.number) after the printer became \(state.printer.rawValue)"),
                .voidNumber(id, reason: "printer \(state.printer.rawValue) before printing"),
            ]
        }
        let ticket = request.ticket(numbered)
        return [.log(.info, "ticket \(id) numbered \(numbered.number)" + (numbered.offline ? " offline" : ""))]
            + handOut(ticket, &state)
    }

    /// The server refused: tell the citizen why, as a standalone kiosk would.
    static func refused(_ id: TicketID, _ refusal: NumberRefusal, _ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        guard state.pendingNumber?.id == id else { return [] }
        guard state.screen == .checking(.number(id)) else {  // The citizen left.
            state.pendingNumber = nil
            return []
        }
        state.pendingNumber = nil
        state.lastActivity = now
        state.screen = .notice(refusal == .closed ? .serviceClosed : .serviceFull, returnTo: state.pendingReturn)
        return [.log(.info, "ticket \(id) refused by the queue server: \(refusal)")]
    }

    /// The ticket could not be numbered durably: no number exists. One the core asked to be numbered offline
    /// was asked of the server first, which may hold a late copy: the server is told it was not printed.
    static func notNumbered(_ id: TicketID, reason: String, _ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        let void: [Effect] = state.numberingOffline.remove(id) == nil ? [] : [.voidNumber(id, reason: reason)]
        guard state.pendingNumber?.id == id else { return void }
        state.pendingNumber = nil
        guard state.screen == .checking(.number(id)) else { return void }  // The citizen left.
        state.lastActivity = now
        state.screen = .notice(.notRecorded, returnTo: .home)
        return void
    }
}
