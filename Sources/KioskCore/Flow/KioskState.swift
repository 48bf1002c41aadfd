/// Fixed facts the flow needs: the catalogue, timeouts, time zone and how many buttons fit a page.
public struct FlowSettings: Sendable, Equatable {
    public var catalogue: Catalogue
    public var timeZone: KioskTimeZone
    public var idleTimeoutSeconds: Int
    public var ticketScreenSeconds: Int
    /// Agency buttons per page of the agency grid (from the UI's layout for this screen size).
    public var agenciesPerPage: Int
    /// Service buttons per page of a service list.
    public var servicesPerPage: Int
    /// Ignore opening hours (demonstrations only); see ``KioskConfig/alwaysOpen``.
    public var alwaysOpen: Bool
    /// A booking checks in from this many minutes before its window opens …
    public var checkInEarlyMinutes: Int
    /// … until this many minutes after it closes.
    public var checkInLateMinutes: Int
    /// When the printer cannot print, issue numbers shown on screen only; see ``PrinterConfig/allowScreenOnlyTickets``.
    public var allowScreenOnlyTickets: Bool
    /// The kiosk has a queue server (``KioskConfig/server``): tickets are numbered through it
    /// (``Effect/requestNumber(_:)``) instead of by the core's standalone count.
    public var linked: Bool
    /// After `idleTimeoutSeconds` without a touch, "Masih di sini? / Still there?" counts down
    /// this many seconds before the kiosk starts afresh (0: no prompt).
    public var idlePromptSeconds: Int
    /// The technician's way in and its limits.
    public var diagnostics = DiagnosticsSettings(screenWidth: 1080)
    /// The kiosk has the speech guidance (``KioskConfig/speech``): the first screen marks its spot.
    public var speechGuidance = false
    /// Each agency's services most used today first (``KioskConfig/mostUsedServicesFirst``).
    public var mostUsedServicesFirst = false
    /// Linked kiosks: how long the queue server has to number a ticket before the kiosk numbers it
    /// offline (``ServerConfig/deadlineMilliseconds``).
    public var numberDeadlineMilliseconds = Self.defaultNumberDeadlineMilliseconds
    /// ``ServerConfig``'s default `deadlineMilliseconds`.
    public static let defaultNumberDeadlineMilliseconds = 1500

    public init(
        catalogue: Catalogue, timeZone: KioskTimeZone, idleTimeoutSeconds: Int, ticketScreenSeconds: Int,
        agenciesPerPage: Int, servicesPerPage: Int, alwaysOpen: Bool = false, allowScreenOnlyTickets: Bool = false,
        checkInEarlyMinutes: Int = 60, checkInLateMinutes: Int = 30, linked: Bool = false,
        idlePromptSeconds: Int = 10
    ) {
        precondition(agenciesPerPage > 0 && servicesPerPage > 0, "a page holds at least one button")
        self.catalogue = catalogue
        self.timeZone = timeZone
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.ticketScreenSeconds = ticketScreenSeconds
        self.agenciesPerPage = agenciesPerPage
        self.servicesPerPage = servicesPerPage
        self.alwaysOpen = alwaysOpen
        self.checkInEarlyMinutes = checkInEarlyMinutes
        self.checkInLateMinutes = checkInLateMinutes
        self.allowScreenOnlyTickets = allowScreenOnlyTickets
        self.linked = linked
        self.idlePromptSeconds = idlePromptSeconds
    }

    /// The first screen offers the catalogue's categories, not agencies: they do not all fit it
    /// and the catalogue groups them.
    public var homeShowsCategories: Bool {
        !catalogue.categories.isEmpty && catalogue.agencies.count > agenciesPerPage
    }

    /// Pages needed for `count` items at `perPage` a page (at least one).
    public static func pageCount(_ count: Int, perPage: Int) -> Int { max(1, (count + perPage - 1) / perPage) }
}

/// Whether a service takes tickets right now.
public enum Availability: Sendable, Hashable {
    case open
    /// Outside its hours or on a day off: why, and when it takes tickets again.
    case closed(ClosedReason, next: Opening?)
    /// Its daily quota, or its session's, is used up; `next` is the next session, if any today.
    case full(next: Opening?)
}

/// The whole state of the citizen flow. Only ``KioskFlow/step(_:_:_:settings:)`` changes it.
public struct KioskState: Sendable, Hashable {
    public var screen: Screen = .home
    /// The screens the citizen came through, for Back; empty on the first screen.
    public var history: [Screen] = []
    public var language: Language = .indonesian
    /// The citizen touched the ID | EN switch (or scanned a ticket in its language); until then
    /// notices and titles show both languages.
    public var languageChosen = false
    /// Seconds left on the "Still there?" countdown while it shows; nil otherwise.
    public var idlePromptLeft: Int?
    /// Last touch or screen change; idle timeouts count from here.
    public var lastActivity = Timestamp(millisecondsSinceEpoch: 0)
    /// The local day `lastSequence` belongs to, `YYYY-MM-DD`.
    public var day = ""
    /// The last sequence number issued today, per service, in its general series.
    public var lastSequence: [ServiceID: Int] = [:]
    /// The last sequence number issued today in a service's priority series (``Service/priorityPrefix``).
    public var lastPrioritySequence: [ServiceID: Int] = [:]
    /// Tickets issued today per service and quota session (``Service/sessions`` index).
    public var sessionIssued: [ServiceID: [Int: Int]] = [:]
    /// The priority the citizen asked for; cleared when the kiosk starts afresh.
    public var priority: TicketPriority?
    /// The printer's condition as last reported; unknown (and so trusted to print) until then.
    public var printer: PrinterCondition = .unknown
    /// Linked kiosks: the ticket the queue server is numbering, and where a refusal returns to.
    public var pendingNumber: NumberRequest?
    public var pendingReturn: ReturnPoint = .home
    /// Linked kiosks: tickets the core asked to be numbered offline whose number has not come yet; a
    /// server answer that comes for one of them after its deadline changes nothing.
    public var numberingOffline: Set<TicketID> = []
    /// Linked kiosks: what the link last reported, and a catalogue waiting to take effect.
    public var link = LinkState()
    /// The hidden gesture, the PIN pad's lockout and the technician in diagnostics.
    public var technician = TechnicianSession()

    public init() {}

    /// Linked kiosks: whether ticket `id` is still being numbered (asked of the server, or numbered
    /// offline): the runtime keeps what it holds for it until this turns false.
    public func isNumbering(_ id: TicketID) -> Bool { pendingNumber?.id == id || numberingOffline.contains(id) }

    /// Tickets issued today for `service` as of `now`, both series together (0 once the day has changed).
    public func issuedToday(_ service: ServiceID, now: Timestamp, zone: KioskTimeZone) -> Int {
        guard LocalTime(now, zone: zone).dayKey == day else { return 0 }
        let (sum, overflow) = lastSequence[service, default: 0].addingReportingOverflow(lastPrioritySequence[service, default: 0])
        return overflow ? Int.max : sum
    }

    /// Whether `service` takes tickets at `now`: its day in the building's calendar and its hours
    /// (unless `settings.alwaysOpen`), then its session's quota, then its daily quota.
    public func availability(of service: Service, now: Timestamp, settings: FlowSettings) -> Availability {
        let zone = settings.timeZone
        if !settings.alwaysOpen {
            let local = LocalTime(now, zone: zone)
            let date = CalendarDate(local)
            switch settings.catalogue.schedule.window(of: service, on: date, at: local.timeOfDay) {
            case .closed(let reason, let next):
                return .closed(reason, next: next)
            case .open(_, let session?):
                if issuedInSession(service.id, session, now: now, zone: zone) >= service.sessions[session].quota {
                    let later = service.sessions.dropFirst(session + 1).first.map { Opening(date: date, time: $0.time.start) }
                    return .full(next: later)
                }
            case .open(_, nil):
                break
            }
        }
        if let quota = service.dailyQuota, issuedToday(service.id, now: now, zone: zone) >= quota { return .full(next: nil) }
        return .open
    }

    /// Why no service takes tickets at `now` and when the first one does again; nil while any service is
    /// open (or full). The reason is the day off all services share (a holiday), else nil.
    public func closedBuilding(now: Timestamp, settings: FlowSettings) -> (reason: ClosedReason?, next: Opening?)? {
        if settings.alwaysOpen { return nil }
        var reasons: Set<ClosedReason> = []
        var next: Opening?
        for service in settings.catalogue.allServices {
            guard case .closed(let reason, let opening) = availability(of: service, now: now, settings: settings) else { return nil }
            reasons.insert(reason)
            if let opening, next.map({ (opening.date, opening.time) < ($0.date, $0.time) }) ?? true { next = opening }
        }
        guard !reasons.isEmpty else { return nil }
        let shared = reasons.count == 1 ? reasons.first : nil
        if case .dayOff? = shared { return (shared, next) }
        return (nil, next)
    }

    /// The quota session `service` is in at `now` (nil when it has none, or is closed).
    public func session(of service: Service, now: Timestamp, settings: FlowSettings) -> Int? {
        let local = LocalTime(now, zone: settings.timeZone)
        guard case .open(_, let session) = settings.catalogue.schedule.window(of: service, on: CalendarDate(local), at: local.timeOfDay)
        else { return nil }
        return session
    }

    /// Tickets issued today for `service` in quota session `session` as of `now`.
    func issuedInSession(_ service: ServiceID, _ session: Int, now: Timestamp, zone: KioskTimeZone) -> Int {
        LocalTime(now, zone: zone).dayKey == day ? sessionIssued[service]?[session] ?? 0 : 0
    }
}
