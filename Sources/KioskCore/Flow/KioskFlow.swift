/// The citizen flow as a pure state machine: attract → language → agency → service → ticket.
///
/// `step` does no I/O and reads no clock; the same events and contexts always give the same
/// states and effects, so an event log replays exactly.
public enum KioskFlow {
    /// Applies `event` at `context.now` and returns the new state and the effects to run.
    public static func step(
        _ state: KioskState, _ event: Event, _ context: StepContext, settings: FlowSettings
    ) -> (KioskState, [Effect]) {
        var next = state
        var effects: [Effect] = []
        let now = context.now

        switch event {
        case .restored(let day, let lastSequence, let issuedAt):
            next.day = day
            next.lastSequence = lastSequence
            next.sessionIssued = [:]
            for (id, times) in issuedAt {
                guard let service = settings.catalogue.service(id), !service.sessions.isEmpty else { continue }
                for time in times {
                    if let session = next.session(of: service, now: time, settings: settings) {
                        next.sessionIssued[id, default: [:]][session, default: 0] += 1
                    }
                }
            }
            next.lastActivity = now

        case .press(let action):
            next.lastActivity = now
            effects += press(action, &next, context, settings)

        case .tick:
            effects += timeout(&next, now, settings)

        case .ticketPrinted(let id):
            if case .ticket(let ticket, .printing) = next.screen, ticket.id == id {
                next.screen = .ticket(ticket, .printed)
                next.lastActivity = now
            }

        case .ticketPrintFailed(let id, let reason):
            effects.append(.log(.error, "ticket \(id) was issued but not printed: \(reason)"))
            if case .ticket(let ticket, _) = next.screen, ticket.id == id {
                // A linked kiosk's server voids a failed ticket: its number is shown only where it stays valid.
                next.screen =
                    settings.allowScreenOnlyTickets && !settings.linked
                    ? .ticket(ticket, .failed) : .notice(.printFailedNoNumber, returnTo: .attract)
                next.lastActivity = now
            }

        case .ticketPrintUncertain(let id, let reason):
            effects.append(.log(.error, "ticket \(id) was issued but its printing is not confirmed: \(reason)"))
            if case .ticket(let ticket, _) = next.screen, ticket.id == id {
                // An uncertain ticket stays valid (the server keeps it until staff confirm it).
                next.screen =
                    settings.allowScreenOnlyTickets
                    ? .ticket(ticket, .uncertain) : .notice(.printUncertainNoNumber, returnTo: .attract)
                next.lastActivity = now
            }

        case .printerStatus(let condition):
            if condition != next.printer {
                let level: LogLevel = condition.canPrint && condition != .paperNearEnd ? .info : .warning
                effects.append(.log(level, "printer is \(condition.rawValue)"))
            }
            next.printer = condition

        case .ticketNotRecorded(let id, let reason):
            effects.append(.log(.error, "ticket \(id) could not be recorded: \(reason)"))
            if case .ticket(let ticket, _) = next.screen, ticket.id == id {
                next.screen = .notice(.notRecorded, returnTo: .attract)
                next.lastActivity = now
            }
            notNumbered(id, &next, now)

        case .ticketNumbered(let id, let number):
            effects += numbered(id, number, &next, now)
        case .numberRefused(let id, let refusal):
            effects += refused(id, refusal, &next, now)

        case .scanned(let bytes):
            effects += scanned(bytes, &next, now)
        case .bookingLookedUp(let code, let lookup):
            effects += bookingLookedUp(code, lookup, &next, now, settings)
        case .ticketLookedUp(let id, let ticket):
            ticketLookedUp(id, ticket, &next, now)
        }
        if next.screen == .attract { next.priority = nil }

        if next.screen != state.screen { effects.insert(.show(next.screen), at: 0) }
        return (next, effects)
    }

    private static func press(
        _ action: Action, _ state: inout KioskState, _ context: StepContext, _ settings: FlowSettings
    ) -> [Effect] {
        let catalogue = settings.catalogue
        switch (state.screen, action) {
        case (.attract, .start):
            state.language = .indonesian
            if state.printer.canPrint {
                state.screen = .language
            } else if settings.allowScreenOnlyTickets {
                state.screen = .notice(.printerDownNumberOnScreen, returnTo: .language)
            } else {
                state.screen = .notice(.printerDown, returnTo: .attract)
            }

        case (.language, .chooseLanguage(let language)):
            state.language = language
            state.screen = .agencies(page: 0)
        case (.language, .back):
            state.screen = .attract

        case (.agencies, .chooseAgency(let id)) where catalogue.agency(id) != nil:
            state.screen = .services(id, page: 0)
        case (.agencies(let page), .nextPage), (.agencies(let page), .previousPage):
            let pages = FlowSettings.pageCount(catalogue.agencies.count, perPage: settings.agenciesPerPage)
            state.screen = .agencies(page: turn(page, action, pages: pages))
        case (.agencies, .back):
            state.screen = .language

        case (.services(let agencyID, let page), .chooseService(let serviceID)):
            guard let service = catalogue.service(serviceID), service.agencyID == agencyID else { break }
            return issue(service, returnPage: page, &state, context, settings)
        case (.services(let agencyID, let page), .nextPage), (.services(let agencyID, let page), .previousPage):
            let count = catalogue.agency(agencyID)?.services.count ?? 0
            let pages = FlowSettings.pageCount(count, perPage: settings.servicesPerPage)
            state.screen = .services(agencyID, page: turn(page, action, pages: pages))
        case (.services(let agencyID, _), .back):
            let index = catalogue.agencies.firstIndex { $0.id == agencyID } ?? 0
            state.screen = .agencies(page: index / settings.agenciesPerPage)

        case (.ticket(_, let printState), .done) where printState != .printing:
            state.screen = .attract

        case (.notice(_, let returnPoint), .back):
            state.screen = screen(for: returnPoint)

        default:
            return scanningPress(action, &state, context, settings)  // The rest, or nothing.
        }
        return []
    }

    private static func issue(
        _ service: Service, returnPage: Int, _ state: inout KioskState, _ context: StepContext,
        _ settings: FlowSettings
    ) -> [Effect] {
        let now = context.now
        switch state.availability(of: service, now: now, settings: settings) {
        case .closed:
            state.screen = .notice(.serviceClosed, returnTo: .services(service.agencyID, page: returnPage))
            return []
        case .full:
            state.screen = .notice(.serviceFull, returnTo: .services(service.agencyID, page: returnPage))
            return []
        case .open:
            break
        }
        if printerTurnsAway(&state, settings) { return [] }
        if settings.linked {
            return requestNumber(
                for: service, priority: state.priority, bookingCode: nil,
                returnTo: .services(service.agencyID, page: returnPage), &state, context, settings)
        }
        let session = settings.alwaysOpen ? nil : state.session(of: service, now: now, settings: settings)
        return handOut(state.nextTicket(for: service, session: session, context, zone: settings.timeZone), &state)
    }

    /// When the printer cannot print and the operator allows no numbers on screen, tells the
    /// citizen so (before any number is issued) and returns true.
    static func printerTurnsAway(_ state: inout KioskState, _ settings: FlowSettings) -> Bool {
        guard !state.printer.canPrint && !settings.allowScreenOnlyTickets else { return false }
        state.screen = .notice(.printerDown, returnTo: .attract)
        return true
    }

    /// Prints `ticket`, or, when the printer cannot print (and the operator allows it), shows it on
    /// screen only; either way the runtime records it durably first.
    static func handOut(_ ticket: Ticket, _ state: inout KioskState) -> [Effect] {
        guard state.printer.canPrint else {
            state.screen = .ticket(ticket, .screenOnly)
            return [.recordScreenOnly(ticket)]
        }
        state.screen = .ticket(ticket, .printing)
        return [.issue(ticket)]
    }

    private static func timeout(_ state: inout KioskState, _ now: Timestamp, _ settings: FlowSettings) -> [Effect] {
        let limit: Int
        switch state.screen {
        case .attract, .ticket(_, .printing), .outOfService:
            return []
        case .ticket(_, .printed):
            limit = settings.ticketScreenSeconds
        default:
            limit = settings.idleTimeoutSeconds
        }
        guard now >= state.lastActivity.adding(seconds: limit) else { return [] }
        state.screen = .attract
        state.language = .indonesian
        return []
    }

    private static func turn(_ page: Int, _ action: Action, pages: Int) -> Int {
        let target = action == .nextPage ? page + 1 : page - 1
        return min(max(0, target), pages - 1)
    }

    static func screen(for returnPoint: ReturnPoint) -> Screen {
        switch returnPoint {
        case .attract: .attract
        case .language: .language
        case .services(let agency, let page): .services(agency, page: page)
        }
    }
}
