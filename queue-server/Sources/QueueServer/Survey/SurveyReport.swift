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
    /// U1…U9's means (2 decimals); nil when nobody answered.
    var elementMeans: [Double]?
    /// The IKM on the 25–100 scale (2 decimals) and its grade; nil when nobody answered.
    var ikm: Double?
    var grade: String?
    var gradeName: String?
    var gradeNameEnglish: String?

    init(siteId: String, agencyId: String?, serviceId: String?, name: LocalizedText, served: Int64, tally: Ikm.Tally) {
        self.siteId = siteId
        self.agencyId = agencyId
        self.serviceId = serviceId
        self.name = name.indonesian
        nameEnglish = name.english
        self.served = served
        respondents = tally.respondents
        minimumSample = KrejcieMorgan.minimumSample(population: served)
        sampleReached = respondents >= minimumSample
        let result = Ikm.compute(tally)
        elementMeans = result?.elements.map { Double($0.mean.value) / 100 }
        ikm = result.map { Double($0.converted.value) / 100 }
        grade = result?.grade.rawValue
        gradeName = result?.grade.indonesian
        gradeNameEnglish = result?.grade.english
    }
}

/// The SKM report of a period: every site, agency and service with served tickets or answers, and the suggestions.
struct SurveyReport: Codable, Sendable, Equatable {
    var period: String
    var from: String
    var to: String
    var sites: [SurveyIndexRow]
    var agencies: [SurveyIndexRow]
    var services: [SurveyIndexRow]
    var suggestions: [SurveySuggestion]
    /// The first this many suggestions of the period are listed.
    static let suggestionLimit = 1_000

    /// Pools each service's counts into its agency (by `catalogues`, the site's catalogue; an unknown
    /// service's agency is "?") and its site: an agency's or site's IKM is that of all its respondents.
    init(period: SurveyPeriod, counts: [SurveyServiceCount], suggestions: [SurveySuggestion], catalogues: [String: Catalogue]) {
        self.period = period.name
        from = period.first.description
        to = period.last.description
        self.suggestions = suggestions
        var agencyTotals: [String: (site: String, agency: String, served: Int64, tally: Ikm.Tally)] = [:]
        var siteTotals: [String: (served: Int64, tally: Ikm.Tally)] = [:]
        services = counts.map { count in
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
        agencies = agencyTotals.values.sorted { ($0.site, $0.agency) < ($1.site, $1.agency) }.map { total in
            let name = catalogues[total.site]?.agency(AgencyID(total.agency))?.name
            return SurveyIndexRow(
                siteId: total.site, agencyId: total.agency, serviceId: nil,
                name: name ?? LocalizedText(indonesian: total.agency, english: total.agency), served: total.served, tally: total.tally)
        }
        sites = siteTotals.keys.sorted().map { site in
            SurveyIndexRow(
                siteId: site, agencyId: nil, serviceId: nil, name: LocalizedText(indonesian: site, english: site),
                served: siteTotals[site]?.served ?? 0, tally: siteTotals[site]?.tally ?? Ikm.Tally())
        }
    }
}
