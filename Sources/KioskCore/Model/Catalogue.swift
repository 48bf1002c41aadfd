/// Identifies an agency in the catalogue (e.g. `disdukcapil`).
public struct AgencyID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Identifies a service in the catalogue (e.g. `ktp-el`); unique across all agencies.
public struct ServiceID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The agencies and services a kiosk offers, in display order.
public struct Catalogue: Sendable, Equatable {
    /// True for demonstration data that must not be mistaken for a real mall's catalogue.
    public var isSample: Bool
    public var agencies: [Agency]
    /// Holidays, closures, special hours and breaks (`calendar` and `breaks` in the catalogue).
    public var calendar: BuildingCalendar
    /// Groups of agencies for the first screen when not every agency fits it (`categories`); may be empty.
    public var categories: [AgencyCategory]

    public init(
        isSample: Bool = false, agencies: [Agency], calendar: BuildingCalendar = BuildingCalendar(),
        categories: [AgencyCategory] = []
    ) {
        self.isSample = isSample
        self.agencies = agencies
        self.calendar = calendar
        self.categories = categories
    }

    /// The schedule that says when each service takes tickets.
    public var schedule: ServiceSchedule { ServiceSchedule(calendar: calendar) }

    /// The agency with `id`, if any.
    public func agency(_ id: AgencyID) -> Agency? { agencies.first { $0.id == id } }

    /// The service with `id` in any agency, if any.
    public func service(_ id: ServiceID) -> Service? {
        for agency in agencies {
            if let service = agency.services.first(where: { $0.id == id }) { return service }
        }
        return nil
    }

    /// Every service of every agency, in display order.
    public var allServices: [Service] { agencies.flatMap(\.services) }

    /// The agencies of category `index`, in catalogue order (none for an index out of range).
    public func agencies(inCategory index: Int) -> [Agency] {
        guard categories.indices.contains(index) else { return [] }
        let members = Set(categories[index].agencies)
        return agencies.filter { members.contains($0.id) }
    }
}

/// A group of agencies the first screen offers when the agencies do not all fit it (e.g. "Kependudukan").
public struct AgencyCategory: Sendable, Equatable {
    public var name: LocalizedText
    public var agencies: [AgencyID]

    public init(name: LocalizedText, agencies: [AgencyID]) {
        self.name = name
        self.agencies = agencies
    }
}

/// One agency (e.g. the civil registry) and the services it offers at the mall.
public struct Agency: Sendable, Equatable, Identifiable {
    public var id: AgencyID
    /// The official name, shown on the service screen and printed on the ticket.
    public var name: LocalizedText
    /// A short name for the agency buttons (`shortName`); the official name when the catalogue gives none.
    public var shortName: LocalizedText
    public var services: [Service]

    public init(id: AgencyID, name: LocalizedText, shortName: LocalizedText? = nil, services: [Service]) {
        self.id = id
        self.name = name
        self.shortName = shortName ?? name
        self.services = services
    }
}

/// One service a citizen can take a ticket for.
public struct Service: Sendable, Equatable, Identifiable {
    public var id: ServiceID
    public var agencyID: AgencyID
    public var name: LocalizedText
    /// Ticket number prefix, unique in the catalogue: 1–3 of `A`–`Z` and `0`–`9`, starting with a letter.
    public var prefix: String
    /// The prefix of the service's priority series (`prioritySeries`), same form and unique across the
    /// catalogue; nil when priority tickets take the general series.
    public var priorityPrefix: String?
    /// Digits in the daily sequence part of the number (`3` gives `A-007`).
    public var numberWidth: Int
    public var hours: OpeningHours
    /// Tickets that may be issued per day, or nil for no limit.
    public var dailyQuota: Int?
    /// No new tickets this many minutes before each opening range (or session) ends.
    public var lastTicketMinutes: Int
    /// Parts of the day with their own quota; empty when the whole day shares `dailyQuota`.
    public var sessions: [QuotaSession]
    /// Where the citizen is served, e.g. "Loket 1–4, lantai 1" (`counter`), when the catalogue names it.
    public var counter: LocalizedText?

    public init(
        id: ServiceID, agencyID: AgencyID, name: LocalizedText, prefix: String, numberWidth: Int = 3,
        hours: OpeningHours, dailyQuota: Int?, lastTicketMinutes: Int = 0, sessions: [QuotaSession] = [],
        counter: LocalizedText? = nil, priorityPrefix: String? = nil
    ) {
        self.id = id
        self.agencyID = agencyID
        self.name = name
        self.prefix = prefix
        self.numberWidth = numberWidth
        self.hours = hours
        self.dailyQuota = dailyQuota
        self.lastTicketMinutes = lastTicketMinutes
        self.sessions = sessions
        self.counter = counter
        self.priorityPrefix = priorityPrefix
    }
}
