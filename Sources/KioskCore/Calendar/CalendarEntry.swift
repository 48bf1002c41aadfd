/// One dated line of the building's calendar: a day (or run of days) that closes the building, an
/// agency or a service, or gives it other hours. Staff enter them from the decrees; nothing is computed.
public struct CalendarEntry: Sendable, Hashable {
    /// What kind of day it is; it decides nothing by itself (an entry closes unless it has `hours`).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A national holiday (hari libur nasional) of the SKB 3 Menteri.
        case nationalHoliday = "national-holiday"
        /// A collective leave day (cuti bersama) of the SKB 3 Menteri.
        case cutiBersama = "cuti-bersama"
        /// A regional day, e.g. a Bali Governor's circular (Galungan, Pagerwesi).
        case regionalDay = "regional-day"
        /// The building's or an agency's own closure (maintenance, an event).
        case localClosure = "local-closure"
        /// Other hours for a while, e.g. Ramadan.
        case specialHours = "special-hours"
    }

    /// What the entry applies to.
    public enum Scope: Sendable, Hashable {
        case building
        case agency(AgencyID)
        case service(ServiceID)

        /// Higher is more specific: a service's own entry wins over its agency's, which wins over the building's.
        var specificity: Int {
            switch self {
            case .building: 0
            case .agency: 1
            case .service: 2
            }
        }

        /// Whether the entry covers `service`.
        func covers(_ service: Service) -> Bool {
            switch self {
            case .building: true
            case .agency(let id): id == service.agencyID
            case .service(let id): id == service.id
            }
        }
    }

    /// First and last day, both included.
    public var first: CalendarDate
    public var last: CalendarDate
    public var kind: Kind
    /// Shown to citizens: "Hari Suci Nyepi" / "Day of Silence (Nyepi)".
    public var name: LocalizedText
    public var scope: Scope
    /// The hours on these days, replacing the regular ones of what the entry covers; nil closes.
    public var hours: OpeningHours?

    public init(
        first: CalendarDate, last: CalendarDate, kind: Kind, name: LocalizedText, scope: Scope = .building,
        hours: OpeningHours? = nil
    ) {
        self.first = first
        self.last = last
        self.kind = kind
        self.name = name
        self.scope = scope
        self.hours = hours
    }

    /// Whether the entry falls on `date`.
    public func isOn(_ date: CalendarDate) -> Bool { first <= date && date <= last }
}

/// A pause every service of the building takes on some weekdays (Friday prayers): no tickets then.
public struct BreakTime: Sendable, Hashable {
    public var weekdays: Set<Weekday>
    public var time: TimeRange
    public var name: LocalizedText

    public init(weekdays: Set<Weekday>, time: TimeRange, name: LocalizedText) {
        self.weekdays = weekdays
        self.time = time
        self.name = name
    }
}

/// A part of a service's day with its own share of the quota (MPP Nganjuk: 150 KTP a day, 3 × 50).
public struct QuotaSession: Sendable, Hashable {
    public var time: TimeRange
    public var quota: Int

    public init(time: TimeRange, quota: Int) {
        self.time = time
        self.quota = quota
    }
}

/// The building's dated entries and weekly breaks, as the catalogue gives them.
public struct BuildingCalendar: Sendable, Hashable {
    public var entries: [CalendarEntry]
    public var breaks: [BreakTime]

    public init(entries: [CalendarEntry] = [], breaks: [BreakTime] = []) {
        self.entries = entries
        self.breaks = breaks
    }
}
