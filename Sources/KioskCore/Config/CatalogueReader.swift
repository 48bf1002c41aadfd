/// Reads and validates a catalogue document; see kiosk-config/README.md.
enum CatalogueReader {
    static func read(_ root: ConfigNode) throws(ConfigError) -> Catalogue {
        let top = try root.object().allowingOnly([
            "sample", "note", "defaultHours", "lastTicketMinutes", "agencies", "services", "calendar", "breaks",
            "categories",
        ])
        let isSample = try top.optional("sample")?.bool() ?? false
        _ = try top.optional("note")?.string()
        let defaultHours = try top.optional("defaultHours").map(OpeningHoursReader.read)
        let defaultCutoff = try top.optional("lastTicketMinutes")?.integer(in: 0...240) ?? 0

        let agencyNodes = try nonEmptyList(top.required("agencies", example: "[{\"id\": \"disdukcapil\", …}]"), of: "agencies")
        var agencies: [(agency: Agency, hours: OpeningHours?, idNode: ConfigNode)] = []
        for node in agencyNodes {
            let object = try node.object().allowingOnly(["id", "name", "shortName", "hours"])
            let idNode = try object.required("id", example: "\"disdukcapil\"")
            let id = try catalogueID(idNode, what: "agency id")
            if let first = agencies.first(where: { $0.agency.id.rawValue == id }) {
                throw idNode.error(
                    "agency id \"\(id)\" is used twice (first at line \(first.idNode.value.position.line))",
                    fix: "Give each agency its own id.")
            }
            let name = try object.required("name", example: "{\"id\": \"…\", \"en\": \"…\"}").localizedText()
            let shortName = try object.optional("shortName")?.localizedText()
            let hours = try object.optional("hours").map(OpeningHoursReader.read)
            agencies.append((Agency(id: AgencyID(id), name: name, shortName: shortName, services: []), hours, idNode))
        }

        let serviceNodes = try nonEmptyList(top.required("services", example: "[{\"id\": \"ktp-el\", …}]"), of: "services")
        var seen: [(service: Service, idNode: ConfigNode)] = []
        var prefixes: [UsedPrefix] = []
        for node in serviceNodes {
            let object = try node.object().allowingOnly([
                "id", "agency", "name", "prefix", "numberWidth", "dailyQuota", "hours", "lastTicketMinutes", "quotaSessions",
                "counter", "prioritySeries",
            ])
            let idNode = try object.required("id", example: "\"ktp-el\"")
            let id = try catalogueID(idNode, what: "service id")
            if let first = seen.first(where: { $0.service.id.rawValue == id }) {
                throw idNode.error(
                    "service id \"\(id)\" is used twice (first at line \(first.idNode.value.position.line))",
                    fix: "Give each service its own id.")
            }
            let agencyNode = try object.required("agency", example: "\"disdukcapil\"")
            let agencyID = try agencyNode.string()
            guard let agencyIndex = agencies.firstIndex(where: { $0.agency.id.rawValue == agencyID }) else {
                let ids = agencies.map(\.agency.id.rawValue)
                throw agencyNode.error(
                    "service \"\(id)\" names agency \"\(agencyID)\", which is not in \"agencies\"",
                    fix: Suggestions.didYouMean(agencyID, among: ids) + "Use the id of an agency listed in \"agencies\".")
            }
            let name = try object.required("name", example: "{\"id\": \"…\", \"en\": \"…\"}").localizedText()
            let prefixNode = try object.required("prefix", example: "\"A\"")
            let prefix = try ticketPrefix(prefixNode)
            try checkUnused(prefix, prefixNode, service: id, prefixes)
            prefixes.append(UsedPrefix(prefix: prefix, service: id, node: prefixNode))
            let priorityPrefix = try object.optional("prioritySeries").map { (node) throws(ConfigError) in
                try prioritySeries(node, service: id, &prefixes)
            }
            let counter = try object.optional("counter")?.localizedText()
            let numberWidth = try object.optional("numberWidth")?.integer(in: 1...6) ?? 3
            let quota = try object.optional("dailyQuota").map { (node) throws(ConfigError) in
                try dailyQuota(node, numberWidth: numberWidth)
            }
            let ownHours = try object.optional("hours").map(OpeningHoursReader.read)
            guard let hours = ownHours ?? agencies[agencyIndex].hours ?? defaultHours else {
                throw node.error(
                    "service \"\(id)\" has no opening hours",
                    fix: "Add \"hours\" to the service or to agency \"\(agencyID)\", or \"defaultHours\" to the catalogue.")
            }
            let cutoff = try object.optional("lastTicketMinutes")?.integer(in: 0...240) ?? defaultCutoff
            let sessions = try object.optional("quotaSessions").map { (node) throws(ConfigError) in
                try CalendarReader.sessions(node, dailyQuota: quota, numberWidth: numberWidth)
            } ?? []
            let service = Service(
                id: ServiceID(id), agencyID: AgencyID(agencyID), name: name, prefix: prefix, numberWidth: numberWidth,
                hours: hours, dailyQuota: quota, lastTicketMinutes: cutoff, sessions: sessions, counter: counter,
                priorityPrefix: priorityPrefix)
            agencies[agencyIndex].agency.services.append(service)
            seen.append((service, idNode))
        }

        if let empty = agencies.first(where: { $0.agency.services.isEmpty }) {
            throw empty.idNode.error(
                "agency \"\(empty.agency.id)\" has no services",
                fix: "Add a service with \"agency\": \"\(empty.agency.id)\", or remove the agency.")
        }
        let finished = agencies.map(\.agency)
        let calendar = BuildingCalendar(
            entries: try top.optional("calendar").map { (node) throws(ConfigError) in
                try CalendarReader.entries(node, agencies: finished)
            } ?? [],
            breaks: try top.optional("breaks").map(CalendarReader.breaks) ?? [])
        let categories = try top.optional("categories").map { (node) throws(ConfigError) in
            try CategoryReader.read(node, agencies: finished)
        } ?? []
        return Catalogue(isSample: isSample, agencies: finished, calendar: calendar, categories: categories)
    }

    /// A number series' prefix already taken, where the catalogue gave it.
    private struct UsedPrefix {
        var prefix: String
        var service: String
        var node: ConfigNode
    }

    /// Throws when a number series (a service's own or a priority series) already uses `prefix`.
    private static func checkUnused(_ prefix: String, _ node: ConfigNode, service id: String, _ used: [UsedPrefix]) throws(ConfigError) {
        guard let first = used.first(where: { $0.prefix == prefix }) else { return }
        let owner = first.service == id ? "this service" : "service \"\(first.service)\""
        throw node.error(
            "prefix \"\(prefix)\" of service \"\(id)\" is already used by \(owner) (line \(first.node.value.position.line))",
            fix: "Give each number series its own prefix so ticket numbers cannot collide.")
    }

    /// `{"prefix": "AP"}`: the service's priority series, its prefix unused by any other series.
    private static func prioritySeries(_ node: ConfigNode, service id: String, _ used: inout [UsedPrefix]) throws(ConfigError) -> String {
        let object = try node.object().allowingOnly(["prefix"])
        let prefixNode = try object.required("prefix", example: "\"AP\"")
        let prefix = try ticketPrefix(prefixNode)
        try checkUnused(prefix, prefixNode, service: id, used)
        used.append(UsedPrefix(prefix: prefix, service: id, node: prefixNode))
        return prefix
    }

    private static func nonEmptyList(_ node: ConfigNode, of what: String) throws(ConfigError) -> [ConfigNode] {
        let elements = try node.elements()
        if elements.isEmpty {
            throw node.error("the catalogue has no \(what)", fix: "List at least one agency and one service.")
        }
        return elements
    }

    /// Lowercase letters, digits and '-', starting with a letter or digit, at most 48 characters.
    private static func catalogueID(_ node: ConfigNode, what: String) throws(ConfigError) -> String {
        let id = try node.string()
        let scalars = Array(id.unicodeScalars)
        let isLowerOrDigit = { (c: Unicode.Scalar) in ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        guard (1...48).contains(scalars.count), isLowerOrDigit(scalars[0]), scalars.allSatisfy({ isLowerOrDigit($0) || $0 == "-" })
        else {
            throw node.error(
                "\(what) \"\(id)\" is not 1 to 48 lowercase letters, digits and '-'",
                fix: "Use an id like \"ktp-el\" that starts with a letter or digit.")
        }
        return id
    }

    /// One capital letter then up to two capital letters or digits.
    private static func ticketPrefix(_ node: ConfigNode) throws(ConfigError) -> String {
        let prefix = try node.string()
        let scalars = Array(prefix.unicodeScalars)
        let isCapital = { (c: Unicode.Scalar) in ("A"..."Z").contains(c) }
        guard (1...3).contains(scalars.count), isCapital(scalars[0]),
            scalars.dropFirst().allSatisfy({ isCapital($0) || ("0"..."9").contains($0) })
        else {
            throw node.error(
                "prefix \"\(prefix)\" is not 1 to 3 capital letters or digits starting with a letter",
                fix: "Use a prefix like \"A\", \"DA\" or \"K2\".")
        }
        return prefix
    }

    /// At least 1, and small enough that every number fits in `numberWidth` digits.
    private static func dailyQuota(_ node: ConfigNode, numberWidth: Int) throws(ConfigError) -> Int {
        let quota = try node.integer(in: 1...999_999)
        var largest = 1
        for _ in 0..<numberWidth { largest *= 10 }
        largest -= 1
        if quota > largest {
            throw node.error(
                "dailyQuota \(quota) does not fit in numberWidth \(numberWidth) (at most \(largest))",
                fix: "Raise \"numberWidth\" or lower \"dailyQuota\".")
        }
        return quota
    }
}
