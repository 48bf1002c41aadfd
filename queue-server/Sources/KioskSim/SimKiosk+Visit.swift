import KioskCore

/// A citizen at the kiosk: the screens touched as a citizen touches them, and how the visit ended.
extension SimKiosk {
    /// A citizen comes for `service` (with a `priority`, if any): the core first hears the time and the printer's
    /// state (as kioskd's idle poll tells it), then the citizen touches "Prioritas" and their group, the agency and
    /// the service and takes the ticket. Returns how the visit ended (``leave(_:priority:printerWorked:at:)``).
    func visit(_ service: Service, priority: TicketPriority?) -> String {
        let (now, works) = arrive()
        // The citizen sets the priority they have (or clears one the last citizen left chosen).
        if state.priority != priority {
            feed(.press(.askPriority))
            if case .priorityChoice = state.screen { feed(.press(.choosePriority(priority))) }
        }
        feed(.press(.chooseAgency(service.agencyID)))
        if case .services = state.screen { feed(.press(.chooseService(service.id))) }
        let outcome = leave(service, priority: priority, printerWorked: works, at: now)
        return priority == nil ? outcome : "priority: " + outcome
    }

    /// A citizen who booked online scans their booking's code and takes the ticket, if the kiosk offers it.
    func visit(booking: SimBooking) -> String {
        let (now, works) = arrive()
        feed(.scanned(Array(booking.code.description.utf8)))
        if case .booking = state.screen { feed(.press(.takeBookedTicket)) }
        return "booking: " + leave(booking.service, priority: booking.priority, printerWorked: works, at: now)
    }

    /// The core hears the time and the printer's state (as kioskd's idle poll tells it); the citizen answers "Still
    /// there?" if the last one left it asking (a priority chosen), and finds the first screen. Returns the moment and
    /// whether the printer works and has paper.
    private func arrive() -> (now: Int64, printerWorks: Bool) {
        let now = world.clock.now
        feed(.tick)
        feed(.printerStatus(printer.condition(at: now)))
        if state.idlePromptLeft != nil { feed(.press(.stillHere)) }
        toFirstScreen()
        return (now, printer.works(at: now))
    }

    /// How the visit for `service` (at `now`) ended, noted in the ledger: told full (with what the server held), turned
    /// away while the printer worked and had paper, or a ticket of the wrong series for `priority`. Then the citizen goes.
    private func leave(_ service: Service, priority: TicketPriority?, printerWorked works: Bool, at now: Int64) -> String {
        guard up else { return "kiosk crashed" }
        let outcome = Self.outcome(state.screen)
        if outcome == "full" {
            let live = Verdict.liveTickets(
                databasePath: world.network.databasePath, site: Simulation.site, service: service.id.rawValue, day: world.day)
            world.ledger.toldFull.append(Ledger.Full(kiosk: id, service: service.id.rawValue, at: now, liveOnServer: live))
        }
        let hasMark = ((try? link?.store.fallbackMark()) ?? nil) != nil
        if works, outcome == "printer down" || ((outcome == "no number possible" || outcome == "not recorded") && hasMark) {
            let ticket = state.pendingNumber.map { [$0.id.description] } ?? []
            world.ledger.turnedAway.append(("\(id): \(outcome) for \(service.id) while its printer worked and had paper", ticket))
        }
        if case .ticket(let ticket, .printed) = state.screen, service.series(ofNumber: ticket.number) != service.series(for: priority) {
            world.ledger.misnumbered.append(
                ("\(id): \(ticket.number) printed for a citizen asking \(priority?.rawValue ?? "no priority") at \(service.id)", [ticket.id.description]))
        }
        toFirstScreen()
        return outcome
    }

    /// How the screen the visit ended on reads.
    static func outcome(_ screen: Screen) -> String {
        switch screen {
        case .ticket(_, .printed): "printed"
        case .ticket(_, let state): "ticket \(state)"
        case .unavailable: "service closed on the kiosk"
        case .notice(.serviceClosed, _): "closed"
        case .notice(.serviceFull, _): "full"
        case .notice(.printerDown, _): "printer down"
        case .notice(.noNumberOffline, _): "no number possible"
        case .notice(.notRecorded, _): "not recorded"
        case .notice(.printFailedNoNumber, _): "print failed"
        case .notice(.printUncertainNoNumber, _): "print uncertain"
        case .notice(let key, _): "notice \(key.rawValue)"
        case .scanNotice(let key): "scan notice \(key.rawValue)"
        default: "other screen"
        }
    }

    /// Leaves the screen the last citizen left for the first one, as the next citizen (or the timeout) would.
    func toFirstScreen() {
        for _ in 0..<6 {
            guard up else { return }
            switch state.screen {
            case .home:
                return
            case .ticket(_, .printing):
                world.trace.add("\(id) stuck printing")
                return
            case .ticket:
                feed(.press(.done))
            default:
                feed(.press(.back))
            }
        }
        world.trace.add("\(id) did not come back to its first screen")
    }
}
