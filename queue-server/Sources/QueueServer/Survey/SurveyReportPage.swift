import KioskProtocol

/// The printable SKM report of a period, laid out as units usually publish it: the element table
/// (U1–U9, names, mean per element), the IKM, its grade (mutu pelayanan) and performance, respondents
/// against the minimum sample, then each agency and service, and the suggestions.
enum SurveyReportPage {
    static func render(_ report: SurveyReport) -> String {
        let escape = CitizenPage.escape
        var body = """
            <h1>Laporan Survei Kepuasan Masyarakat (SKM)<br><small>Citizen Satisfaction Survey report</small></h1>
            <p>Periode / Period: <b>\(escape(report.period))</b> (\(report.from) s.d. \(report.to)). Dasar: PermenPAN-RB No. 14 Tahun 2017;
            IKM = Σ(NRR per unsur × 1/9) × 25; sampel minimum menurut Krejcie &amp; Morgan (1970).</p>

            """
        if !report.published {
            body += """
                <p><b>Periode ini belum selesai dilaporkan: nilai IKM, unsur, instansi, layanan dan saran ditampilkan mulai \(report.publishedFrom)</b>,
                agar jawaban seorang warga tidak dapat dibaca dari selisih dua laporan. Sampai saat itu hanya jumlah responden yang ditampilkan.
                <small>This period's figures, agencies, services and suggestions are shown from \(report.publishedFrom), so that no citizen's
                answers can be read off the difference of two reports; until then only the number of respondents is shown.</small></p>

                """
        } else {
            body += """
                <p>Instansi dan layanan dengan kurang dari \(SurveyReport.minimumGroup) responden tidak ditampilkan tersendiri (tetap dihitung
                dalam nilai unit). <small>Agencies and services with fewer than \(SurveyReport.minimumGroup) respondents are not listed on their own
                (they count in the unit's figures).</small></p>

                """
        }
        if report.sites.isEmpty { body += "<p>Belum ada data pada periode ini. <small>No data in this period.</small></p>\n" }
        for site in report.sites {
            body += "<h2>Unit: \(escape(site.siteId))</h2>\n" + summary(site, published: report.published)
            guard site.ikm != nil else { continue }
            body += elements(site)
            let agencies = report.agencies.filter { $0.siteId == site.siteId }
            let services = report.services.filter { $0.siteId == site.siteId }
            body += "<h3>Per instansi <small>/ Per agency</small></h3>\n" + table(agencies)
            body += "<h3>Per layanan <small>/ Per service</small></h3>\n" + table(services)
        }
        if !report.suggestions.isEmpty {
            body += "<h2>Saran <small>/ Suggestions</small></h2>\n<ul>\n"
            for suggestion in report.suggestions {
                let service = suggestion.serviceId.map { ", " + escape($0) } ?? ""
                body += "<li>\(escape(suggestion.text)) <small>(\(escape(suggestion.siteId))\(service))</small></li>\n"
            }
            body += "</ul>\n"
        }
        return """
            <!doctype html>
            <html lang="id"><head><meta charset="utf-8"><title>SKM \(escape(report.period))</title>
            <style>body{font-family:serif;margin:2em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #000;padding:.2em .5em}
            td.n{text-align:right}h2{page-break-before:auto}@media print{h2{page-break-before:always}h2:first-of-type{page-break-before:avoid}}</style>
            </head><body>
            \(body)</body></html>
            """
    }

    /// The page for a request it cannot answer (`problem`, a 400): what was wrong, in Indonesian and English.
    static func refusal(_ problem: Problem) -> String {
        """
        <!doctype html>
        <html lang="id"><head><meta charset="utf-8"><title>Laporan SKM: permintaan tidak dapat dibaca</title></head><body>
        <h1>Permintaan tidak dapat dibaca<br><small>The request could not be read</small></h1>
        <p>\(CitizenPage.escape(problem.detail ?? problem.title))</p>
        </body></html>
        """
    }

    private static func summary(_ row: SurveyIndexRow, published: Bool) -> String {
        let ikm = row.ikm.map(SurveyReportCSV.decimal) ?? "–"
        let grade = row.grade.map { "\($0) (\(row.gradeName ?? "") / \(row.gradeNameEnglish ?? ""))" } ?? "–"
        let fewer =
            published && row.respondents > 0 && row.respondents < SurveyReport.minimumGroup
            ? " — kurang dari \(SurveyReport.minimumGroup), nilai tidak ditampilkan / fewer than \(SurveyReport.minimumGroup), no figures shown" : ""
        return """
            <table><tr><th>Nilai IKM / Index</th><td class="n"><b>\(ikm)</b></td></tr>
            <tr><th>Mutu pelayanan / Grade</th><td>\(CitizenPage.escape(grade))</td></tr>
            <tr><th>Responden / Respondents</th><td class="n">\(row.respondents)\(fewer)</td></tr>
            <tr><th>Sampel minimum / Minimum sample (dilayani / served \(row.served))</th><td class="n">\(row.minimumSample)\(row.sampleReached ? "" : " — belum tercapai / not reached")</td></tr></table>

            """
    }

    private static func elements(_ row: SurveyIndexRow) -> String {
        var rows = ""
        for element in SurveyElement.allCases {
            let mean = row.elementMeans.map { SurveyReportCSV.decimal($0[element.rawValue - 1]) } ?? "–"
            rows += "<tr><td>\(element.code)</td><td>\(CitizenPage.escape(element.indonesian))<br><small>\(CitizenPage.escape(element.english))</small></td><td class=\"n\">\(mean)</td></tr>\n"
        }
        return "<table><tr><th>Unsur</th><th>Unsur pelayanan / Element</th><th>NRR / Mean</th></tr>\n\(rows)</table>\n"
    }

    private static func table(_ rows: [SurveyIndexRow]) -> String {
        var out = "<table><tr><th>Nama / Name</th><th>Dilayani / Served</th><th>Responden</th><th>Sampel min.</th><th>IKM</th><th>Mutu</th></tr>\n"
        for row in rows {
            out += """
                <tr><td>\(CitizenPage.escape(row.name))</td><td class="n">\(row.served)</td><td class="n">\(row.respondents)</td>\
                <td class="n">\(row.minimumSample)</td><td class="n">\(row.ikm.map(SurveyReportCSV.decimal) ?? "–")</td><td>\(row.grade ?? "–")</td></tr>

                """
        }
        return out + "</table>\n"
    }
}
