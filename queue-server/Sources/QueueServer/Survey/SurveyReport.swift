import KioskCore

/// The index of one site, agency or service over a period: respondents against the minimum sample
/// the period's served tickets ask for, the element means, the IKM and its grade.
struct SurveyIndexRow: Codable, Sendable, Equatable {
    var siteId: String
    var agencyId: String?
    var serviceId: String?
    /// The agency's or service's name in Bahasa Indonesia, then English; the site's id for a site.
    var name: String
    var nameEnglish: String
    var served: Int64
    var respondents: Int64
    /// Krejcie–Morgan's minimum for `served` (``KrejcieMorgan``).
    var minimumSample: Int64
    var sampleReached: Bool
    /// U1…U9's means (2 decimals); nil when nobody answered or the figures are withheld (``SurveyReport``).
    var elementMeans: [Double]?
    /// The IKM on the 25–100 scale (2 decimals) and its grade; nil when nobody answered or the figures are withheld.
    var ikm: Double?
    var grade: String?
    var gradeName: String?
    var gradeNameEnglish: String?

    /// The row of `tally`; with `figures` false, its respondents only (no means, index or grade).
    init(siteId: String, agencyId: String?, serviceId: String?, name: LocalizedText, served: Int64, tally: Ikm.Tally, figures: Bool = true) {
        self.siteId = siteId
        self.agencyId = agencyId
        self.serviceId = serviceId
        self.name = name.indonesian
        nameEnglish = name.english
        self.served = served
        respondents = tally.respondents
        minimumSample = KrejcieMorgan.minimumSample(population: served)
        sampleReached = respondents >= minimumSample
        let result = figures ? Ikm.compute(tally) : nil
        elementMeans = result?.elements.map { Double($0.mean.value) / 100 }
        ikm = result.map { Double($0.converted.value) / 100 }
        grade = result?.grade.rawValue
        gradeName = result?.grade.indonesian
        gradeNameEnglish = result?.grade.english
    }
}

/// The SKM report of a period, built so that no reader learns one citizen's answers (issue 20, session 29's F2):
///
/// - **Figures only for an ended period.** Until ``publishedFrom`` (the period's last day, then the days a late
///   answer to one of its tickets may still arrive, ``SurveyPeriod/publishedFrom(windowDays:)``)
///   the report holds each site's served tickets and respondents so far, no means, index, grade, agency,
///   service or suggestion: two reads around one answer differ by one respondent, never by what was answered.
/// - **At least ``minimumGroup`` answers behind every figure**, and behind every difference of two figures: a
///   site, agency or service with fewer is not listed on its own (it stays inside its agency's and site's
///   figures), and when a listed parent's answers minus its listed parts would be 1–4 answers, the smallest
///   listed part is withheld too (``withheld(parent:parts:)``).
/// - **Suggestions** only of sites with figures, sorted by text, without a day, naming a service only when
///   that service is listed.
struct SurveyReport: Codable, Sendable, Equatable {
    var period: String
    var from: String
    var to: String
    /// Whether the figures are shown: false while the period runs (``publishedFrom`` not reached).
    var published: Bool
    /// The first day (WITA) the period's figures are shown.
    var publishedFrom: String
    var sites: [SurveyIndexRow]
    var agencies: [SurveyIndexRow]
    var services: [SurveyIndexRow]
    var suggestions: [SurveySuggestion]
    /// The first this many suggestions (in text order) of the period are listed.
    static let suggestionLimit = 1_000
    /// The fewest answers a listed figure, or the difference of two, stands on.
    static let minimumGroup: Int64 = 5

    /// Pools each service's counts into its agency (by `catalogues`, the site's catalogue; an unknown
    /// service's agency is "?") and its site: an agency's or site's IKM is that of all its respondents.
    init(
        period: SurveyPeriod, publishedFrom: CalendarDate, today: CalendarDate, counts: [SurveyServiceCount], suggestions: [SurveySuggestion],
        catalogues: [String: Catalogue]
    ) {
        self.period = period.name
        from = period.first.description
        to = period.last.description
        published = today >= publishedFrom
        self.publishedFrom = publishedFrom.description
        var agencyTotals: [String: (site: String, agency: String, served: Int64, tally: Ikm.Tally)] = [:]
        var siteTotals: [String: (served: Int64, tally: Ikm.Tally)] = [:]
        let allServices = counts.map { count in
            let service = catalogues[count.site]?.service(ServiceID(count.serviceID))
            let agency = service?.agencyID.rawValue ?? "?"
            let key = count.site + "\u{0}" + agency
            agencyTotals[key, default: (count.site, agency, 0, Ikm.Tally())].served &+= count.served
            agencyTotals[key]?.tally.merge(count.tally)
            siteTotals[count.site, default: (0, Ikm.Tally())].served &+= count.served
            siteTotals[count.site]?.tally.merge(count.tally)
            return SurveyIndexRow(
                siteId: count.site, agencyId: agency, serviceId: count.serviceID,
                name: service?.name ?? LocalizedText(indonesian: count.serviceID, english: count.serviceID), served: count.served,
                tally: count.tally)
        }
        let allAgencies = agencyTotals.values.sorted { ($0.site, $0.agency) < ($1.site, $1.agency) }.map { total in
            let name = catalogues[total.site]?.agency(AgencyID(total.agency))?.name
            return SurveyIndexRow(
                siteId: total.site, agencyId: total.agency, serviceId: nil,
                name: name ?? LocalizedText(indonesian: total.agency, english: total.agency), served: total.served, tally: total.tally)
        }
        let showFigures = published
        let allSites = siteTotals.keys.sorted().map { site in
            let tally = siteTotals[site]?.tally ?? Ikm.Tally()
            return SurveyIndexRow(
                siteId: site, agencyId: nil, serviceId: nil, name: LocalizedText(indonesian: site, english: site),
                served: siteTotals[site]?.served ?? 0, tally: tally, figures: showFigures && tally.respondents >= Self.minimumGroup)
        }
        sites = allSites
        guard published else {
            agencies = []
            services = []
            self.suggestions = []
            return
        }
        var listedAgencies: [SurveyIndexRow] = [], listedServices: [SurveyIndexRow] = []
        for site in allSites where site.ikm != nil {
            var agencies = allAgencies.filter { $0.siteId == site.siteId && $0.respondents >= Self.minimumGroup }
            var services: [SurveyIndexRow] = []
            for agency in allAgencies where agency.siteId == site.siteId {
                var parts = allServices.filter { $0.siteId == site.siteId && $0.agencyId == agency.agencyId && $0.respondents >= Self.minimumGroup }
                if agency.respondents >= Self.minimumGroup, let part = Self.withheld(parent: agency.respondents, parts: parts) { parts.remove(at: part) }
                services += parts
            }
            // The site's listed parts: its listed agencies, and the listed services of agencies not listed.
            while let part = Self.withheld(
                parent: site.respondents, parts: agencies + services.filter { service in !agencies.contains { $0.agencyId == service.agencyId } })
            {
                let visible = agencies + services.filter { service in !agencies.contains { $0.agencyId == service.agencyId } }
                let hidden = visible[part]
                if hidden.serviceId == nil { agencies.removeAll { $0.agencyId == hidden.agencyId } } else { services.removeAll { $0.serviceId == hidden.serviceId } }
            }
            listedAgencies += agencies
            listedServices += services.sorted { $0.serviceId ?? "" < $1.serviceId ?? "" }
        }
        self.agencies = listedAgencies
        self.services = listedServices
        let withFigures = Set(allSites.filter { $0.ikm != nil }.map(\.siteId))
        let listed = Set(listedServices.map { $0.siteId + "\u{0}" + ($0.serviceId ?? "") })
        self.suggestions = suggestions.filter { withFigures.contains($0.siteId) }.map { suggestion in
            var shown = suggestion
            if let service = suggestion.serviceId, !listed.contains(suggestion.siteId + "\u{0}" + service) { shown.serviceId = nil }
            return shown
        }.sorted { ($0.text, $0.siteId, $0.serviceId ?? "") < ($1.text, $1.siteId, $1.serviceId ?? "") }
    }

    /// The index in `parts` of the part to withhold so that `parent` minus the listed parts is not 1–4 answers
    /// (one citizen's answers then follow by subtraction): the smallest part, which leaves at least
    /// ``minimumGroup`` unlisted; nil when the parts already leave none or enough.
    static func withheld(parent: Int64, parts: [SurveyIndexRow]) -> Int? {
        let rest = parent - parts.reduce(0) { $0 + $1.respondents }
        guard rest > 0, rest < minimumGroup, !parts.isEmpty else { return nil }
        return parts.indices.min { (parts[$0].respondents, $0) < (parts[$1].respondents, $1) }
    }
}
