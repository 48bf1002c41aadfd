/// A service's day as the building's calendar makes it: the same answer on the kiosk (also offline)
/// and on the queue server, because both call this with the same catalogue.
///
/// Of the entries on a day that cover a service (the building, its agency, itself), one decides: a
/// single day over a run of days (Idul Fitri inside Ramadan hours), then the more specific scope (the
/// service, its agency, the building), then a closure over other hours, then the later line. It closes
/// the day, or gives its hours; with no entry, the service keeps its regular weekly hours. Building breaks are taken out, the day is cut to the service's quota
/// sessions where it has them, and each part stops taking tickets `lastTicketMinutes` before it ends.
public struct ServiceSchedule: Sendable {
    public var calendar: BuildingCalendar

    public init(calendar: BuildingCalendar) { self.calendar = calendar }

    /// A stretch of a day in which a service takes tickets until `lastTicket`.
    struct Window: Hashable {
        var range: TimeRange
        var lastTicket: TimeOfDay
        var session: Int?
    }

    /// The day's hours for `service` on `date`, or the entry that closes it.
    func hours(of service: Service, on date: CalendarDate) -> (ranges: [TimeRange], closedBy: CalendarEntry?) {
        let deciding = calendar.entries.enumerated()
            .filter { $0.element.isOn(date) && $0.element.scope.covers(service) }
            .max { Self.rank($0.element, line: $0.offset) < Self.rank($1.element, line: $1.offset) }?.element
        guard let deciding else { return (service.hours.ranges[date.weekday, default: []], nil) }
        guard let hours = deciding.hours else { return ([], deciding) }
        return (hours.ranges[date.weekday, default: []], nil)
    }

    /// Which of several entries on one day decides: a single day over a run of days, then the more
    /// specific scope, then a closure over other hours, then the later line.
    private static func rank(_ entry: CalendarEntry, line: Int) -> (Int, Int, Int, Int) {
        (entry.first == entry.last ? 1 : 0, entry.scope.specificity, entry.hours == nil ? 1 : 0, line)
    }

    /// The stretches of `date` in which `service` takes tickets, in time order.
    func windows(of service: Service, on date: CalendarDate) -> [Window] {
        var ranges = hours(of: service, on: date).ranges
        for pause in calendar.breaks where pause.weekdays.contains(date.weekday) {
            ranges = ranges.flatMap { Self.subtract(pause.time, from: $0) }
        }
        var parts: [(TimeRange, Int?)] = ranges.map { ($0, nil) }
        if !service.sessions.isEmpty {
            parts = service.sessions.enumerated().flatMap { index, session in
                ranges.compactMap { Self.intersect($0, session.time).map { ($0, index) } }
            }
        }
        return parts.compactMap { range, session in
            let last = TimeOfDay(minutes: range.end.minutes - service.lastTicketMinutes)
            return last > range.start ? Window(range: range, lastTicket: last, session: session) : nil
        }.sorted { $0.range.start < $1.range.start }
    }

    /// Whether `service` takes tickets at any time of `date` (a queue server leases no numbers for a closed day).
    public func takesTickets(_ service: Service, on date: CalendarDate) -> Bool { !windows(of: service, on: date).isEmpty }

    /// Whether `service` takes tickets at `time` on `date`; when not, why and when it does next.
    public func window(of service: Service, on date: CalendarDate, at time: TimeOfDay) -> TicketWindow {
        let windows = windows(of: service, on: date)
        if let open = windows.first(where: { $0.range.start <= time && time < $0.lastTicket }) {
            return .open(lastTicket: open.lastTicket, session: open.session)
        }
        let next = nextOpening(of: service, after: date, at: time, today: windows)
        if let closure = hours(of: service, on: date).closedBy { return .closed(.dayOff(closure), next: next) }
        if windows.isEmpty { return .closed(.noHoursToday, next: next) }
        if let cut = windows.first(where: { $0.lastTicket <= time && time < $0.range.end }) {
            return .closed(.lastTicketPassed(cut.lastTicket), next: next)
        }
        let dayRanges = hours(of: service, on: date).ranges
        if let pause = calendar.breaks.first(where: { $0.weekdays.contains(date.weekday) && $0.time.contains(time) }),
            let opens = dayRanges.first?.start, let closes = dayRanges.last?.end, opens <= time, time < closes
        {
            return .closed(.onBreak(pause), next: next)
        }
        return .closed(.outsideHours, next: next)
    }

    /// The first window start after `time` today, else on the following days (up to a year ahead).
    private func nextOpening(of service: Service, after date: CalendarDate, at time: TimeOfDay, today: [Window]) -> Opening? {
        if let later = today.first(where: { $0.range.start > time }) { return Opening(date: date, time: later.range.start) }
        var day = date
        for _ in 0..<366 {
            guard let following = day.adding(days: 1) else { return nil }
            day = following
            if let first = windows(of: service, on: day).first { return Opening(date: day, time: first.range.start) }
        }
        return nil
    }

    /// `range` without `cut`: zero, one or two ranges.
    static func subtract(_ cut: TimeRange, from range: TimeRange) -> [TimeRange] {
        guard cut.start < range.end, range.start < cut.end else { return [range] }
        var parts: [TimeRange] = []
        if range.start < cut.start { parts.append(TimeRange(start: range.start, end: cut.start)) }
        if cut.end < range.end { parts.append(TimeRange(start: cut.end, end: range.end)) }
        return parts
    }

    /// The overlap of two ranges, or nil.
    static func intersect(_ a: TimeRange, _ b: TimeRange) -> TimeRange? {
        let start = max(a.start, b.start), end = min(a.end, b.end)
        return start < end ? TimeRange(start: start, end: end) : nil
    }
}
