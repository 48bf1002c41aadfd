import FoundationEssentials

/// The report as CSV (RFC 4180): one row per site, agency and service, with the element means, the
/// IKM and the grade. A cell that a spreadsheet would take for a formula is prefixed with `'`.
enum SurveyReportCSV {
    static let header =
        "level,period,site,agency,service,name,served,respondents,minimum_sample,sample_reached,"
        + SurveyElement.allCases.map(\.code).joined(separator: ",") + ",ikm,grade"

    static func render(_ report: SurveyReport) -> String {
        var lines = [header]
        for (level, rows) in [("site", report.sites), ("agency", report.agencies), ("service", report.services)] {
            for row in rows {
                let means = row.elementMeans?.map(decimal) ?? Array(repeating: "", count: SurveyElement.count)
                let cells =
                    [level, report.period, row.siteId, row.agencyId ?? "", row.serviceId ?? "", row.name, String(row.served),
                     String(row.respondents), String(row.minimumSample), row.sampleReached ? "yes" : "no"]
                    + means + [row.ikm.map(decimal) ?? "", row.grade ?? ""]
                lines.append(cells.map(cell).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A 2-decimal value, "88.31".
    static func decimal(_ value: Double) -> String {
        Ikm.Hundredths(value: Int64((value * 100).rounded())).description
    }

    /// A quoted cell when it holds a comma, quote or line break; a formula-looking one made text.
    static func cell(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
