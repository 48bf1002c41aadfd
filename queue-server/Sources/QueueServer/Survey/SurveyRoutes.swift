import FoundationEssentials
import Hummingbird
import KioskCore
import KioskProtocol

/// The survey's routes: a kiosk submits an answer for a ticket, the citizen page's form does the
/// same without a credential, staff and city read the report (JSON, CSV, printable page).
enum SurveyRoutes {
    static let reportJSON = "/v1/surveys/report"
    static let reportCSV = "/v1/surveys/report.csv"
    static let reportPage = "/v1/surveys/report.html"
    static let reports: Set<String> = [reportJSON, reportCSV, reportPage]
}

extension QueueRoutes {
    func addSurveyRoutes(to router: Router<BasicRequestContext>) {
        router.post(RouterPath(QueueAPI.tickets + "/{id}/survey")) { request, context in
            await answer {
                let kiosk = try await authorize(request, .kiosk)
                let submission = try SurveyRules.validate(try await HTTPReplies.decode(SurveySubmission.self, from: request))
                let id = try context.parameters.require("id").lowercased()
                let (receipt, created) = try await store.submitSurvey(
                    surveyRequest(id, site: kiosk.site, channel: .kiosk, submission), now: clock())
                return try HTTPReplies.json(receipt, status: created ? .created : .ok)
            }
        }
        router.post(RouterPath("/t/{id}/survey")) { request, context in
            await SurveyPage.submit(request, id: try? context.parameters.require("id").lowercased()) { id, submission in
                _ = try await store.submitSurvey(surveyRequest(id, site: nil, channel: .page, submission), now: clock())
            }
        }
        router.get(RouterPath(SurveyRoutes.reportJSON)) { request, _ in
            await answer { try HTTPReplies.json(try await report(request)) }
        }
        router.get(RouterPath(SurveyRoutes.reportCSV)) { request, _ in
            await answer {
                let report = try await report(request)
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/csv; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"skm-\(report.period).csv\"",
                    ],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: SurveyReportCSV.render(report))))
            }
        }
        // Staff open the printable page in a browser: a bearer token, or the sign-in's session cookie. A period or
        // site it cannot read is a page saying why (400) for a browser, a problem for other clients.
        router.get(RouterPath(SurveyRoutes.reportPage)) { request, _ in
            await answerPage(request) { reader in
                do {
                    return HTTPReplies.page(SurveyReportPage.render(try await report(request, reader: reader)))
                } catch let problem as Problem where problem.status == 400 && CitizenErrorPage.wantsHTML(accept: request.headers[.accept]) {
                    var response = HTTPReplies.page(SurveyReportPage.refusal(problem))
                    response.status = .badRequest
                    response.headers[.vary] = "Accept"
                    return response
                }
            }
        }
    }

    /// The request for `id` with the configured window: judged on the moment the kiosk says the citizen
    /// answered (`answeredAt + clockOffsetMs`, saturating), else on the server's clock.
    func surveyRequest(_ id: String, site: String?, channel: SurveyChannel, _ submission: SurveySubmission) -> SurveyRequest {
        // A ticket id is 36 characters; anything else is no ticket (and never reaches a query as such).
        let ticketID = id.utf8.count == 36 ? id : ""
        let answered = submission.answeredAt.map { ClockRules.claimed(issuedAt: $0, offset: submission.clockOffsetMs ?? 0) }
        return SurveyRequest(
            ticketID: ticketID, site: site, channel: channel, submission: submission, answered: answered, windowDays: surveyWindowDays,
            maxSkewMs: store.maxClockSkewMs)
    }

    /// The report of `?period=` for the caller's site (staff), or every site or `?site=` (city); the
    /// caller is `reader` when already known (a page's session), else the request's bearer token.
    private func report(_ request: Request, reader known: Principal? = nil) async throws -> SurveyReport {
        let reader = if let known { known } else { try await authorizeReader(request) }
        guard let text = request.uri.queryParameters["period"].map(String.init), let period = SurveyPeriod(text) else {
            let given = request.uri.queryParameters["period"].map { Problems.quoted(String($0)) } ?? "(tidak ada / none)"
            throw Problems.invalid(
                "periode \(given) tidak dikenal: tulis bulan (2026-03), triwulan (2026-Q1), semester (2026-S1) atau tahun (2026). "
                    + "Period \(given) is not one: write a month (2026-03), a quarter (2026-Q1), a semester (2026-S1) or a year (2026)")
        }
        let asked = request.uri.queryParameters["site"].map(String.init)
        if let own = reader.site, let asked, asked != own {
            throw Problems.forbidden("a staff credential reads its own site's report only")
        }
        let site = reader.site ?? asked
        let from = period.first.description, to = period.last.description
        let today = CalendarDate(LocalTime(Timestamp(millisecondsSinceEpoch: clock()), zone: .wita))
        guard let publishedFrom = period.publishedFrom(windowDays: surveyWindowDays) else { throw Problems.invalid("period \(period.name) has no publication day") }
        let counts = try await store.surveyCounts(site: site, from: from, to: to)
        let suggestions: [SurveySuggestion] =
            if today >= publishedFrom { try await store.surveySuggestions(site: site, from: from, to: to, limit: SurveyReport.suggestionLimit) } else { [] }
        var catalogues: [String: Catalogue] = [:]
        for site in Set(counts.map(\.site)) { catalogues[site] = try? await store.catalogueDocument(site: site).catalogue }
        return SurveyReport(
            period: period, publishedFrom: publishedFrom, today: today, counts: counts, suggestions: suggestions, catalogues: catalogues)
    }
}
