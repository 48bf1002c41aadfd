/// The citizen flow as a pure state machine: agency (the first screen) → service → ticket.
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
        case .restored(let day, let lastSequence, let prioritySequence, let issuedAt):
            next.day = day
            next.lastSequence = lastSequence
            next.lastPrioritySequence = prioritySequence
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

        case .explored:
            // As any touch does, exploring answers "Still there?" and keeps the citizen's screen.
            next.lastActivity = now
            next.idlePromptLeft = nil

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
                    ? .ticket(ticket, .failed) : .notice(.printFailedNoNumber, returnTo: .home)
                next.lastActivity = now
            }

        case .ticketPrintUncertain(let id, let reason):
            effects.append(.log(.error, "ticket \(id) was issued but its printing is not confirmed: \(reason)"))
            if case .ticket(let ticket, _) = next.screen, ticket.id == id {
                // An uncertain ticket stays valid (the server keeps it until staff confirm it).
                next.screen =
                    settings.allowScreenOnlyTickets
                    ? .ticket(ticket, .uncertain) : .notice(.printUncertainNoNumber, returnTo: .home)
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
                next.screen = .notice(.notRecorded, returnTo: .home)
                next.lastActivity = now
                // A linked kiosk's ticket has its number (on the server, or in the outbox): no paper carries it.
                if settings.linked { effects.append(.voidNumber(id, reason: "not recorded: \(reason)")) }
            }
            effects += notNumbered(id, reason: reason, &next, now)

        case .serverAnswered(let request, let answer):
            effects += serverAnswered(request, answer, &next, now, settings)
        case .numberDeadlinePassed(let id):
            effects += numberDeadlinePassed(id, &next)
        case .ticketNumbered(let id, let number):
            effects += numbered(id, number, &next, now, settings)
        case .linkReported(let answers, let canNumberOffline):
            effects += linkReported(serverAnswers: answers, canNumberOffline: canNumberOffline, &next)
        case .catalogueArrived(let version):
            catalogueArrived(version, &next)

        case .scanned(let bytes):
            effects += [.survey(.scan), .survey(.notATicket)].contains(next.screen) ? surveyScanned(bytes, &next, now) : scanned(bytes, &next, now)
        case .surveySubmitted(let id, let outcome):
            effects += surveySubmitted(id, outcome, &next, now)
        case .bookingLookedUp(let code, let lookup):
            effects += bookingLookedUp(code, lookup, &next, now, settings)
        case .ticketLookedUp(let id, let ticket):
            ticketLookedUp(id, ticket, &next, now)
        case .touchHeld(let x, let y, let milliseconds):
            effects += touchHeld(x: x, y: y, milliseconds: milliseconds, &next, now, settings)
        case .pinChecked(let attempt, let check):
            effects += pinChecked(attempt, check, &next, now, settings)
        case .diagnosticsFacts(let facts):
            if next.technician.technician != nil { next.technician.facts = facts }
        case .pinLockoutRestored(let lockout):
            effects += lockoutRestored(lockout, &next, now)
        case .touchPoint(let x, let y, let kind):
            touchPoint(x: x, y: y, kind, &next, now)
        case .calibrationChanged(let change):
            effects += calibrationChanged(change, &next)
        case .technicianRequest(let request, let caller):
            effects += technicianRequest(request, from: caller, &next, now, settings)
        case .badgeOwner(let badge, let owner):
            effects += badgeOwner(badge, owner, &next)
        }
        effects += takeUpCatalogue(&next)
        // The same screen redraws when its language, priority, idle countdown, printer or link changed (the
        // first screen says at once when no number can be printed or given, before anyone chooses).
        let redraw =
            next.language != state.language || next.priority != state.priority || next.idlePromptLeft != state.idlePromptLeft
            || next.printer != state.printer || next.link.cannotNumber != state.link.cannotNumber
            || (next.technician != state.technician && { if case .diagnostics = next.screen { true } else { false } }())
        if next.screen != state.screen || redraw { effects.insert(.show(next.screen), at: 0) }
        return (next, effects)
    }

    private static func press(
        _ action: Action, _ state: inout KioskState, _ context: StepContext, _ settings: FlowSettings
    ) -> [Effect] {
        if state.idlePromptLeft != nil {
            // Any touch answers "Still there?": the citizen stays where they were.
            state.idlePromptLeft = nil
            return []
        }
        if case .diagnostics(let screen) = state.screen {
            return diagnosticsPress(action, on: screen, &state, context.now, settings)
        }
        let catalogue = settings.catalogue
        switch (state.screen, action) {
        case (_, .chooseLanguage(let language)) where acceptsLanguageSwitch(state.screen):
            state.language = language
            state.languageChosen = true
            // A letter no short name starts with in the new language has nothing to show: back to the index.
            if case .letter(let letter) = state.screen, catalogue.agencies(startingWith: letter, language).isEmpty {
                goBack(&state)
            }

        case (.home, .chooseCategory(let index)) where settings.homeShowsCategories && catalogue.categories.indices.contains(index):
            go(to: .category(index), &state)
        case (.home, .chooseLetter(let letter)) where catalogue.agencyLetters(state.language).contains(letter):
            go(to: .letter(letter), &state)
        case (.home, .chooseAgency(let id)), (.agencies, .chooseAgency(let id)), (.category, .chooseAgency(let id)),
            (.letter, .chooseAgency(let id)):
            guard let agency = catalogue.agency(id) else { break }
            // An agency with one service goes straight to it.
            if agency.services.count == 1, let only = agency.services.first {
                return issue(only, returnPage: 0, &state, context, settings)
            }
            go(to: .services(id, page: 0), &state)
        case (.home, .nextPage) where !settings.homeShowsCategories:
            go(to: .agencies(page: turn(0, action, pages: agencyPages(settings))), &state)
        case (.agencies(let page), .nextPage), (.agencies(let page), .previousPage):
            let target = turn(page, action, pages: agencyPages(settings))
            go(to: target == 0 ? .home : .agencies(page: target), &state)

        case (.services(let agencyID, let page), .chooseService(let serviceID)):
            guard let service = catalogue.service(serviceID), service.agencyID == agencyID else { break }
            return issue(service, returnPage: page, &state, context, settings)
        case (.services(let agencyID, let page), .nextPage), (.services(let agencyID, let page), .previousPage):
            let count = catalogue.agency(agencyID)?.services.count ?? 0
            let pages = FlowSettings.pageCount(count, perPage: settings.servicesPerPage)
            go(to: .services(agencyID, page: turn(page, action, pages: pages)), &state)

        // Every screen that shows "Prioritas" opens the choice.
        case (.home, .askPriority), (.agencies, .askPriority), (.category, .askPriority), (.letter, .askPriority),
            (.services, .askPriority):
            go(to: .priorityChoice, &state)
        case (.priorityChoice, .choosePriority(let priority)):
            state.priority = priority
            goBack(&state)

        case (.agencies, .back), (.category, .back), (.letter, .back), (.services, .back), (.priorityChoice, .back):
            goBack(&state)

        case (.ticket(_, let printState), .done) where printState != .printing:
            startAfresh(&state)

        case (.unavailable, .back):
            goBack(&state)
        case (.notice(_, let returnPoint), .back):
            if returnPoint == .home { startAfresh(&state) } else { state.screen = screen(for: returnPoint) }

        case (_, .survey(let surveyAction)):
            return surveyPress(surveyAction, &state, context.now, settings)
        case (.survey, .back):
            surveyBack(&state)

        default:
            return scanningPress(action, &state, context, settings)  // The rest, or nothing.
        }
        return []
    }

    /// Shows `screen`, remembering the one before for Back.
    static func go(to screen: Screen, _ state: inout KioskState) {
        state.history.append(state.screen)
        state.screen = screen
    }

    /// The screen before this one (the first screen when there is none).
    private static func goBack(_ state: inout KioskState) {
        state.screen = state.history.popLast() ?? .home
    }

    /// The first screen, in Indonesian, with no priority and nothing to go back to.
    static func startAfresh(_ state: inout KioskState) {
        state.screen = .home
        state.history = []
        state.language = .indonesian
        state.languageChosen = false
        state.priority = nil
        state.idlePromptLeft = nil
    }

    /// The screens that show the ID | EN switch.
    private static func acceptsLanguageSwitch(_ screen: Screen) -> Bool {
        switch screen {
        case .home, .agencies, .category, .letter, .services, .priorityChoice, .unavailable, .notice, .diagnostics, .survey: true
        default: false
        }
    }

    private static func agencyPages(_ settings: FlowSettings) -> Int {
        FlowSettings.pageCount(settings.catalogue.agencies.count, perPage: settings.agenciesPerPage)
    }

    private static func issue(
        _ service: Service, returnPage: Int, _ state: inout KioskState, _ context: StepContext,
        _ settings: FlowSettings
    ) -> [Effect] {
        let now = context.now
        let returnPoint: ReturnPoint = state.screen == .services(service.agencyID, page: returnPage)
            ? .services(service.agencyID, page: returnPage) : .home
        guard state.availability(of: service, now: now, settings: settings) == .open else {
            go(to: .unavailable(service.id), &state)
            return []
        }
        if printerTurnsAway(&state, settings) { return [] }
        if settings.linked {
            return requestNumber(
                for: service, priority: state.priority, bookingCode: nil,
                returnTo: returnPoint, &state, context, settings)
        }
        let session = settings.alwaysOpen ? nil : state.session(of: service, now: now, settings: settings)
        return handOut(state.nextTicket(for: service, session: session, context, zone: settings.timeZone), &state)
    }

    /// When the printer cannot print and the operator allows no numbers on screen, tells the
    /// citizen so (before any number is issued) and returns true.
    static func printerTurnsAway(_ state: inout KioskState, _ settings: FlowSettings) -> Bool {
        guard !state.printer.canPrint && !settings.allowScreenOnlyTickets else { return false }
        state.screen = .notice(.printerDown, returnTo: .home)
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

    /// After `idleTimeoutSeconds` without a touch, "Still there?" counts down `idlePromptSeconds`,
    /// then the kiosk starts afresh; the printed-ticket screen simply closes after `ticketScreenSeconds`.
    private static func timeout(_ state: inout KioskState, _ now: Timestamp, _ settings: FlowSettings) -> [Effect] {
        let fresh = state.history.isEmpty && state.language == .indonesian && state.priority == nil
        switch state.screen {
        case .home where fresh, .ticket(_, .printing), .outOfService:
            return []
        case .diagnostics:
            return diagnosticsTimeout(&state, now, settings)
        case .ticket(_, .printed), .survey(.thanks), .survey(.refused):
            if now >= state.lastActivity.adding(seconds: settings.ticketScreenSeconds) { startAfresh(&state) }
            return []
        default:
            break
        }
        let promptAt = state.lastActivity.adding(seconds: settings.idleTimeoutSeconds)
        guard now >= promptAt else { return [] }
        let elapsed = Int(min(Int64(Int32.max), (now.millisecondsSinceEpoch - promptAt.millisecondsSinceEpoch) / 1000))
        let left = settings.idlePromptSeconds - elapsed
        if left > 0 {
            state.idlePromptLeft = left
        } else {
            startAfresh(&state)
        }
        return []
    }

    private static func turn(_ page: Int, _ action: Action, pages: Int) -> Int {
        let target = action == .nextPage ? page + 1 : page - 1
        return min(max(0, target), pages - 1)
    }

    static func screen(for returnPoint: ReturnPoint) -> Screen {
        switch returnPoint {
        case .home: .home
        case .services(let agency, let page): .services(agency, page: page)
        }
    }
}
