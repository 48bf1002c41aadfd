/// Reads the catalogue's `calendar` (dated entries) and `breaks`; see kiosk-config/README.md, "Calendar".
enum CalendarReader {
    /// The entries of `node`, each naming at most one agency or service of `agencies`.
    static func entries(_ node: ConfigNode, agencies: [Agency]) throws(ConfigError) -> [CalendarEntry] {
        var entries: [CalendarEntry] = []
        for element in try node.elements() {
            let object = try element.object().allowingOnly(["date", "from", "to", "kind", "name", "agency", "service", "hours"])
            let (first, last) = try days(object, at: element)
            let kind = try object.required("kind", example: "\"national-holiday\"").choice("calendar kind", of: CalendarEntry.Kind.self)
            let name = try object.required("name", example: "{\"id\": \"Hari Suci Nyepi\", \"en\": \"Day of Silence\"}").localizedText()
            let scope = try scope(object, at: element, agencies: agencies)
            let hours = try object.optional("hours").map(entryHours)
            if kind == .specialHours, hours == nil {
                throw element.error(
                    "a \"special-hours\" entry has no \"hours\"",
                    fix: "Add \"hours\": [\"08:00-12:00\"] (every day of the entry) or a weekday map; or use a closing kind.")
            }
            entries.append(CalendarEntry(first: first, last: last, kind: kind, name: name, scope: scope, hours: hours))
        }
        return entries
    }

    /// `[{"days": ["fri"], "time": "11:30-13:00", "name": {…}}]`.
    static func breaks(_ node: ConfigNode) throws(ConfigError) -> [BreakTime] {
        var breaks: [BreakTime] = []
        for element in try node.elements() {
            let object = try element.object().allowingOnly(["days", "time", "name"])
            let daysNode = try object.required("days", example: "[\"fri\"]")
            var weekdays = Set<Weekday>()
            for day in try daysNode.elements() {
                let key = try day.string()
                guard let weekday = Weekday.allCases.first(where: { $0.key == key }) else {
                    let keys = Weekday.allCases.map(\.key)
                    throw day.error(
                        "unknown weekday \"\(key)\"",
                        fix: Suggestions.didYouMean(key, among: keys) + "Weekdays are written \(keys.joined(separator: ", ")).")
                }
                weekdays.insert(weekday)
            }
            if weekdays.isEmpty { throw daysNode.error("a break on no day", fix: "Name its weekdays, e.g. [\"fri\"].") }
            let timeNode = try object.required("time", example: "\"11:30-13:00\"")
            let time = try OpeningHoursReader.timeRange(try timeNode.string(), at: timeNode)
            let name = try object.required("name", example: "{\"id\": \"Istirahat salat Jumat\", \"en\": \"Friday prayers\"}")
                .localizedText()
            breaks.append(BreakTime(weekdays: weekdays, time: time, name: name))
        }
        return breaks
    }

    /// A service's `quotaSessions`: `[{"time": "08:00-10:00", "quota": 50}, …]`, not overlapping, whose
    /// quotas add up to no more than `dailyQuota` (when there is one) and fit the number width.
    static func sessions(_ node: ConfigNode, dailyQuota: Int?, numberWidth: Int) throws(ConfigError) -> [QuotaSession] {
        var sessions: [QuotaSession] = []
        for element in try node.elements() {
            let object = try element.object().allowingOnly(["time", "quota"])
            let timeNode = try object.required("time", example: "\"08:00-10:00\"")
            let time = try OpeningHoursReader.timeRange(try timeNode.string(), at: timeNode)
            if sessions.contains(where: { $0.time.start < time.end && time.start < $0.time.end }) {
                throw timeNode.error("this session overlaps an earlier one", fix: "Make each session end before the next starts.")
            }
            let quota = try object.required("quota", example: "50").integer(in: 1...999_999)
            sessions.append(QuotaSession(time: time, quota: quota))
        }
        if sessions.isEmpty { throw node.error("\"quotaSessions\" is empty", fix: "List at least one session, or remove the key.") }
        let total = sessions.reduce(0) { $0 + $1.quota }
        if let dailyQuota, total > dailyQuota {
            throw node.error(
                "the sessions' quotas add up to \(total), more than dailyQuota \(dailyQuota)",
                fix: "Lower a session's quota or raise \"dailyQuota\".")
        }
        var largest = 1
        for _ in 0..<numberWidth { largest *= 10 }
        if total >= largest {
            throw node.error(
                "the sessions' quotas add up to \(total), which does not fit numberWidth \(numberWidth)",
                fix: "Raise \"numberWidth\" or lower the sessions' quotas.")
        }
        return sessions.sorted { $0.time.start < $1.time.start }
    }

    /// `"date"` alone, or `"from"` and `"to"` (both included, at most 366 days).
    private static func days(_ object: ConfigObject, at node: ConfigNode) throws(ConfigError) -> (CalendarDate, CalendarDate) {
        if let dateNode = object.optional("date") {
            if object.optional("from") != nil || object.optional("to") != nil {
                throw node.error("an entry has both \"date\" and \"from\"/\"to\"", fix: "Use \"date\" for one day, or \"from\" and \"to\" for several.")
            }
            let date = try date(dateNode)
            return (date, date)
        }
        guard object.optional("from") != nil || object.optional("to") != nil else {
            throw node.error("a calendar entry has no day", fix: "Add \"date\": \"2026-03-19\", or \"from\" and \"to\".")
        }
        let first = try date(object.required("from", example: "\"2026-02-19\""))
        let toNode = try object.required("to", example: "\"2026-03-20\"")
        let last = try date(toNode)
        if last < first {
            throw toNode.error("\"to\" \(last) is before \"from\" \(first)", fix: "Write the first day in \"from\" and the last in \"to\".")
        }
        if last.daysSinceEpoch - first.daysSinceEpoch >= 366 {
            throw toNode.error("the entry runs longer than a year", fix: "Split it, or check the years in \"from\" and \"to\".")
        }
        return (first, last)
    }

    private static func date(_ node: ConfigNode) throws(ConfigError) -> CalendarDate {
        let text = try node.string()
        guard let date = CalendarDate(text) else {
            throw node.error("\"\(text)\" is not a date", fix: "Write a real day as YYYY-MM-DD, e.g. \"2026-03-19\".")
        }
        return date
    }

    /// The building, or the one agency or service the entry names.
    private static func scope(_ object: ConfigObject, at node: ConfigNode, agencies: [Agency]) throws(ConfigError) -> CalendarEntry.Scope {
        switch (object.optional("agency"), object.optional("service")) {
        case (nil, nil):
            return .building
        case (let agencyNode?, nil):
            let id = try agencyNode.string()
            guard agencies.contains(where: { $0.id.rawValue == id }) else {
                throw agencyNode.error(
                    "agency \"\(id)\" is not in \"agencies\"",
                    fix: Suggestions.didYouMean(id, among: agencies.map(\.id.rawValue)) + "Name an agency of this catalogue.")
            }
            return .agency(AgencyID(id))
        case (nil, let serviceNode?):
            let id = try serviceNode.string()
            let ids = agencies.flatMap(\.services).map(\.id.rawValue)
            guard ids.contains(id) else {
                throw serviceNode.error(
                    "service \"\(id)\" is not in \"services\"", fix: Suggestions.didYouMean(id, among: ids) + "Name a service of this catalogue.")
            }
            return .service(ServiceID(id))
        case (_?, _?):
            throw node.error("an entry names both an agency and a service", fix: "Keep one of them, or make two entries.")
        }
    }

    /// A weekday map as in opening hours, or a list of ranges that holds on every day of the entry.
    private static func entryHours(_ node: ConfigNode) throws(ConfigError) -> OpeningHours {
        guard case .array = node.value.content else { return try OpeningHoursReader.read(node) }
        let ranges = try OpeningHoursReader.dayRanges(node, on: "these days")
        return OpeningHours(Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, ranges) }))
    }
}
