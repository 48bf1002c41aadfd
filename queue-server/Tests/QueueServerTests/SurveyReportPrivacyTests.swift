import Foundation
import KioskCore
@testable import QueueServer
import Testing

/// Session 29's F2: no reader of the SKM report learns one citizen's answers. Figures wait for the
/// period's end (two reads around one answer differ by one respondent), a group of fewer than five
/// answers is never listed on its own nor left as the difference of two listed figures, and suggestions
/// come sorted, without a day, tied to a service only when the report lists it.
@Suite("Survey report: one citizen's answers cannot be read off it")
struct SurveyReportPrivacyTests {
    /// Monday 6 April 2026, 10:00 WITA: March has ended and its late answers' days have passed.
    static let afterMarch = TestServer.mondayMorning + 35 * 86_400_000
    static let catalogue: Catalogue = {
        let path = TestServer.catalogue
        // The sample catalogue is part of the repository; a broken one fails every test that reads it.
        // swiftlint:disable:next force_try
        return try! ConfigParser.catalogue(text: String(contentsOfFile: path, encoding: .utf8), path: path)
    }()

    /// The reviewer's attack: read the live report, let a kiosk submit one survey, read again. The two reads
    /// (JSON, CSV and page) differ in the count of respondents only; after the period the answer is one of five.
    @Test(arguments: StoreKind.allCases) func twoReadsAroundOneAnswerRevealNothing(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let tickets = try (0..<5).map { _ in try SurveyTests.served(server) }
        for (ticket, answers) in zip(tickets, [SurveyTests.all4, [3, 3, 3, 3, 3, 3, 3, 3, 3], [4, 3, 4, 3, 4, 3, 4, 3, 4], [2, 3, 4, 2, 3, 4, 2, 3, 4]]) {
            #expect(try SurveyTests.submit(server, ticket, answers, suggestion: "Ruang tunggu nyaman").status == 201)
        }
        func read() throws -> (json: [String: Any], csv: String, page: String) {
            (
                try SurveyTests.json(try SurveyTests.get(server, "/v1/surveys/report?period=2026-03")),
                SurveyTests.text(try SurveyTests.get(server, "/v1/surveys/report.csv?period=2026-03")),
                SurveyTests.text(try SurveyTests.get(server, "/v1/surveys/report.html?period=2026-03"))
            )
        }
        let before = try read()
        #expect(try SurveyTests.submit(server, tickets[4], [1, 4, 1, 4, 1, 4, 1, 4, 2], suggestion: "Loket tiga lambat").status == 201)
        let after = try read()

        let sites = try #require(after.json["sites"] as? [[String: Any]])
        #expect(sites.map { $0["respondents"] as? Int } == [5])
        #expect(after.json["published"] as? Bool == false && after.json["publishedFrom"] as? String == "2026-04-02")
        for key in ["agencies", "services", "suggestions"] { #expect((after.json[key] as? [Any])?.isEmpty == true, "\(key)") }
        #expect(sites.allSatisfy { $0["elementMeans"] == nil && $0["ikm"] == nil && $0["grade"] == nil })
        // Everything but the count is the same before and after.
        func masked(_ json: [String: Any]) throws -> Data {
            var copy = json
            copy["sites"] = (json["sites"] as? [[String: Any]])?.map { $0.filter { $0.key != "respondents" && $0.key != "sampleReached" } }
            return try JSONSerialization.data(withJSONObject: copy, options: .sortedKeys)
        }
        #expect(try masked(before.json) == masked(after.json))
        // CSV: all but the respondents and sample-reached columns; the page: all but the respondents and sample rows.
        func csvMasked(_ csv: String) -> [[Substring]] {
            csv.split(separator: "\r\n").map { line in line.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { ![7, 9].contains($0.offset) }.map(\.element) }
        }
        #expect(csvMasked(before.csv) == csvMasked(after.csv) && before.csv != after.csv)
        func pageMasked(_ page: String) -> [Substring] {
            page.split(separator: "\n").filter { !$0.contains("Responden / Respondents") && !$0.contains("Sampel minimum") }
        }
        #expect(pageMasked(before.page) == pageMasked(after.page))
        #expect(!after.page.contains("Loket tiga") && !after.page.contains("2026-03-02"))
        server.stop()

        // After March: the figures, of five answers; the suggestions sorted, without a day.
        let later = try TestServer(store: store, sharing: server, clockStart: Self.afterMarch)
        let report = try SurveyTests.json(try SurveyTests.get(later, "/v1/surveys/report?period=2026-03"))
        #expect(report["published"] as? Bool == true)
        let site = try #require((report["sites"] as? [[String: Any]])?.first)
        // 25 × (36 + 27 + 32 + 27 + 22) / 45 = 80.00, B.
        #expect(site["respondents"] as? Int == 5 && site["ikm"] as? Double == 80 && site["grade"] as? String == "B")
        let suggestions = try #require(report["suggestions"] as? [[String: Any]])
        #expect(suggestions.map { $0["text"] as? String } == ["Loket tiga lambat"] + Array(repeating: "Ruang tunggu nyaman", count: 4))
        #expect(suggestions.allSatisfy { $0["day"] == nil && $0["serviceId"] as? String == "ktp-el" })
        later.expectContractKept()
    }

    /// The figures of a period appear the day after its last answer may arrive: a kiosk's outbox may bring an
    /// answer to a ticket of the last day a window and a day after the window's end.
    @Test func aPeriodIsPublishedAfterItsLateAnswersDays() throws {
        let march = try #require(SurveyPeriod("2026-03"))
        #expect(march.publishedFrom(windowDays: 0)?.description == "2026-04-02")
        #expect(march.publishedFrom(windowDays: 1)?.description == "2026-04-04")
        #expect(try #require(SurveyPeriod("2026")).publishedFrom(windowDays: 0)?.description == "2027-01-02")
    }

    static func count(_ site: String, _ service: String, _ respondents: Int, served: Int64? = nil) -> SurveyServiceCount {
        var tally = Ikm.Tally()
        for index in 0..<respondents { tally.add(index % 2 == 0 ? SurveyTests.all4 : [3, 3, 3, 3, 3, 3, 3, 3, 3]) }
        return SurveyServiceCount(site: site, serviceID: service, served: served ?? Int64(respondents), tally: tally)
    }

    static func report(_ counts: [SurveyServiceCount], suggestions: [QueueServer.SurveySuggestion] = [], today: String = "2026-04-06") throws -> SurveyReport {
        let march = try #require(SurveyPeriod("2026-03"))
        return SurveyReport(
            period: march, publishedFrom: try #require(march.publishedFrom(windowDays: 0)), today: try #require(CalendarDate(today)),
            counts: counts, suggestions: suggestions, catalogues: ["default": Self.catalogue, "kuta": Self.catalogue])
    }

    /// A service of fewer than five answers is not listed; nor is the service beside it whose agency's figures
    /// would give the small one's by subtraction; a site's parts likewise, down to the services of an agency withheld.
    @Test func smallGroupsAndTheirDifferencesAreNotListed() throws {
        let report = try Self.report([
            // disdukcapil 6 = ktp-el 5 + kartu-keluarga 1: listing ktp-el gives kartu-keluarga's one answer.
            Self.count("default", "ktp-el", 5), Self.count("default", "kartu-keluarga", 1),
            // pos-indonesia 13 = meterai 7 + kirim-paket 6 (+ tagihan-pos, served, no answer).
            Self.count("default", "meterai", 7), Self.count("default", "kirim-paket", 6), Self.count("default", "tagihan-pos", 0, served: 3),
            // kuta 10 = disdukcapil 7 (ktp-el) + pos-indonesia 3: listing disdukcapil, or ktp-el, gives pos-indonesia's three.
            Self.count("kuta", "ktp-el", 7), Self.count("kuta", "meterai", 3),
        ])
        #expect(report.sites.map(\.respondents) == [19, 10] && report.sites.allSatisfy { $0.ikm != nil })
        #expect(report.agencies.map { "\($0.siteId) \($0.agencyId ?? "")" } == ["default disdukcapil", "default pos-indonesia"])
        #expect(report.services.map { "\($0.siteId) \($0.serviceId ?? "")" } == ["default kirim-paket", "default meterai"])

        let small = try Self.report([Self.count("default", "ktp-el", 4)])
        #expect(small.sites.map(\.respondents) == [4] && small.sites.first?.ikm == nil && small.sites.first?.elementMeans == nil)
        #expect(small.agencies.isEmpty && small.services.isEmpty)
    }

    /// Suggestions in text order, never the order they came; a service named only when listed; none of a site
    /// without figures; none at all while the period runs.
    @Test func suggestionsAreSortedAndTiedOnlyToListedServices() throws {
        let counts = [
            Self.count("default", "ktp-el", 5), Self.count("default", "kartu-keluarga", 1), Self.count("default", "meterai", 5),
            Self.count("kuta", "ktp-el", 2),
        ]
        let given = [
            QueueServer.SurveySuggestion(siteId: "default", serviceId: "meterai", text: "Zona tunggu panas"),
            QueueServer.SurveySuggestion(siteId: "default", serviceId: "kartu-keluarga", text: "Antrean rapi"),
            QueueServer.SurveySuggestion(siteId: "kuta", serviceId: "ktp-el", text: "Formulir sulit"),
            QueueServer.SurveySuggestion(siteId: "default", serviceId: "ktp-el", text: "Mesin cepat"),
        ]
        let report = try Self.report(counts, suggestions: given)
        #expect(
            report.suggestions == [
                QueueServer.SurveySuggestion(siteId: "default", serviceId: nil, text: "Antrean rapi"),
                QueueServer.SurveySuggestion(siteId: "default", serviceId: nil, text: "Mesin cepat"),
                QueueServer.SurveySuggestion(siteId: "default", serviceId: "meterai", text: "Zona tunggu panas"),
            ])
        let running = try Self.report(counts, suggestions: given, today: "2026-04-01")
        #expect(!running.published && running.suggestions.isEmpty && running.agencies.isEmpty && running.services.isEmpty)
        #expect(running.sites.map(\.respondents) == [11, 2] && running.sites.allSatisfy { $0.ikm == nil })
    }
}
