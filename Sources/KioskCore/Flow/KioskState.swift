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

    public init(
        catalogue: Catalogue, timeZone: KioskTimeZone, idleTimeoutSeconds: Int, ticketScreenSeconds: Int,
        agenciesPerPage: Int, servicesPerPage: Int, alwaysOpen: Bool = false, allowScreenOnlyTickets: Bool = false,
        checkInEarlyMinutes: Int = 60, checkInLateMinutes: Int = 30, linked: Bool = false
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
    }

    /// Pages needed for `count` items at `perPage` a page (at least one).
    public static func pageCount(_ count: Int, perPage: Int) -> Int { max(1, (count + perPage - 1) / perPage) }
}

/// Whether a service takes tickets right now.
public enum Availability: Sendable, Hashable {
    case open
    case closed
    case full
}

/// The whole state of the citizen flow. Only ``KioskFlow/step(_:_:_:settings:)`` changes it.
public struct KioskState: Sendable, Hashable {
    public var screen: Screen = .attract
    public var language: Language = .indonesian
    /// Last touch or screen change; idle timeouts count from here.
    public var lastActivity = Timestamp(millisecondsSinceEpoch: 0)
    /// The local day `lastSequence` belongs to, `YYYY-MM-DD`.
    public var day = ""
    /// The last sequence number issued today, per service.
    public var lastSequence: [ServiceID: Int] = [:]
    /// The priority the citizen asked for on the service screen; cleared on the attract screen.
    public var priority: TicketPriority?
    /// The printer's condition as last reported; unknown (and so trusted to print) until then.
    public var printer: PrinterCondition = .unknown
    /// Linked kiosks: the ticket the queue server is numbering, and where a refusal returns to.
    public var pendingNumber: NumberRequest?
    public var pendingReturn: ReturnPoint = .attract

    public init() {}

    /// Tickets issued today for `service` as of `now` (0 once the day has changed).
    public func issuedToday(_ service: ServiceID, now: Timestamp, zone: KioskTimeZone) -> Int {
        LocalTime(now, zone: zone).dayKey == day ? lastSequence[service, default: 0] : 0
    }

    /// Whether `service` takes tickets at `now`: its opening hours (unless `settings.alwaysOpen`),
    /// then its daily quota.
    public func availability(of service: Service, now: Timestamp, settings: FlowSettings) -> Availability {
        let zone = settings.timeZone
        let local = LocalTime(now, zone: zone)
        if !settings.alwaysOpen, !service.hours.isOpen(on: local.weekday, at: local.timeOfDay) { return .closed }
        if let quota = service.dailyQuota, issuedToday(service.id, now: now, zone: zone) >= quota { return .full }
        return .open
    }
}
