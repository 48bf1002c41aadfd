import KioskCore

/// A citizen at the kiosk: the screens touched as a citizen touches them, and how the visit ended.
extension SimKiosk {
    /// A citizen comes for `service`: the core first hears the time and the printer's state (as kioskd's idle
    /// poll tells it), then the citizen touches the agency and the service and takes the ticket. Returns how
    /// the visit ended; a citizen turned away while the printer works and has paper is noted in the ledger.
    func visit(_ service: Service) -> String {
        let now = world.clock.now
        feed(.tick)
        feed(.printerStatus(printer.condition(at: now)))
        toFirstScreen()
        let works = printer.works(at: now)
        feed(.press(.chooseAgency(service.agencyID)))
        if case .services = state.screen { feed(.press(.chooseService(service.id))) }
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
