import Foundation
import KioskLink
import KioskProtocol
import Testing

/// The survey (issue 20) through a running server on both stores: one survey per served ticket,
/// refusals, the window, the report (JSON, CSV, printable page) and the citizen page's form.
@Suite("Citizen satisfaction survey (SKM)")
struct SurveyTests {
    static let monday = TestServer.mondayMorning

    /// A ticket of `service` issued, called, started and finished: served.
    static func served(_ server: TestServer, _ service: String = "ktp-el", finish: Bool = true) throws -> String {
        let ticket = try server.client().issue(
            IssueTicketRequest(
                ticketId: TestServer.newID(), serviceId: service, issuedAt: monday, clockOffsetMs: 0, language: "id", priority: false))
        guard finish else { return ticket.ticketId }
        let staff = try server.client(token: server.staffToken)
        let called = try #require(try staff.callNext(CallNextRequest(counterId: "c1", serviceIds: [service], day: TestServer.mondayDay)))
        #expect(called.ticketId == ticket.ticketId)
        _ = try staff.counter(.start, ticketID: ticket.ticketId)
        _ = try staff.counter(.done, ticketID: ticket.ticketId)
        return ticket.ticketId
    }

    /// POST /v1/tickets/{id}/survey with a JSON body.
    static func submit(
        _ server: TestServer, _ id: String, _ answers: [Int], suggestion: String? = nil, token: String? = nil
    ) throws -> HTTPReply {
        var body: [String: Any] = ["answers": answers]
        if let suggestion { body["suggestion"] = suggestion }
        return try server.transport().send(
            HTTPRequest(
                method: "POST", path: QueueAPI.ticket(id) + "/survey",
                headers: ["Authorization": "Bearer \(token ?? server.kioskToken)", "Content-Type": "application/json"],
                body: Array(try JSONSerialization.data(withJSONObject: body))))
    }

    static func get(_ server: TestServer, _ path: String, token: String? = nil) throws -> HTTPReply {
        try server.transport().send(HTTPRequest(method: "GET", path: path, headers: ["Authorization": "Bearer \(token ?? server.staffToken)"]))
    }

    static func json(_ reply: HTTPReply) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
    }

    static func kind(_ reply: HTTPReply) throws -> String {
        (try json(reply)["type"] as? String).map { String($0.split(separator: "/").last ?? "") } ?? ""
    }

    static func text(_ reply: HTTPReply) -> String { String(decoding: reply.body, as: UTF8.self) }

    static let all4 = [4, 4, 4, 4, 4, 4, 4, 4, 4]

    @Test(arguments: StoreKind.allCases) func oneSurveyPerServedTicketAndAReplayIsTheFirst(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let id = try Self.served(server)
        let first = try Self.submit(server, id, Self.all4, suggestion: "Ruang tunggu nyaman")
        #expect(first.status == 201)
        let receipt = try Self.json(first)
        #expect(receipt["ticketId"] as? String == id && receipt["serviceId"] as? String == "ktp-el" && receipt["day"] as? String == TestServer.mondayDay)
        // The kiosk's outbox sends the same answer again after a lost reply: the first one, not a second row.
        let replay = try Self.submit(server, id, Self.all4, suggestion: "Ruang tunggu nyaman")
        #expect(replay.status == 200)
        #expect(try Self.json(replay)["answeredAt"] as? Int == receipt["answeredAt"] as? Int)
        let second = try Self.submit(server, id, [1, 1, 1, 1, 1, 1, 1, 1, 1])
        #expect(second.status == 409)
        #expect(try Self.kind(second) == "survey-already-answered")
        let report = try Self.json(try Self.get(server, "/v1/surveys/report?period=2026-03"))
        #expect((report["sites"] as? [[String: Any]])?.first?["respondents"] as? Int == 1)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func unservedUnknownAndOtherSitesTicketsAndBadAnswersAreRefused(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let waiting = try Self.served(server, "meterai", finish: false)
        let unserved = try Self.submit(server, waiting, Self.all4)
        #expect(unserved.status == 422)
        #expect(try Self.kind(unserved) == "survey-not-served")
        let id = try Self.served(server)
        for answers in [[5, 4, 4, 4, 4, 4, 4, 4, 4], [0, 4, 4, 4, 4, 4, 4, 4, 4], [4, 4, 4, 4, 4, 4, 4, 4]] {
            #expect(try Self.submit(server, id, answers).status == 400)
        }
        #expect(try Self.submit(server, id, Self.all4, suggestion: String(repeating: "a", count: 501)).status == 400)
        #expect(try Self.submit(server, TestServer.newID(), Self.all4).status == 404)
        let otherKiosk = try server.addKiosk("kiosk-far", site: "denpasar")
        #expect(try Self.submit(server, id, Self.all4, token: otherKiosk).status == 404)
        #expect(try Self.submit(server, id, Self.all4, token: server.staffToken).status == 403)
        // None of the refusals used the ticket's one survey.
        #expect(try Self.submit(server, id, Self.all4).status == 201)
        server.expectContractKept()
    }

    /// A ticket of Monday surveyed on Tuesday: refused by default (the same day), taken with a one-day window.
    @Test(arguments: StoreKind.allCases) func anotherDaysTicketIsRefusedUnlessTheWindowAllowsIt(store: StoreKind) throws {
        let monday = try TestServer(store: store)
        let first = try Self.served(monday)
        let second = try Self.served(monday)
        monday.stop()
        let tuesday = Self.monday + 86_400_000
        let sameDay = try TestServer(store: store, sharing: monday, clockStart: tuesday)
        let late = try Self.submit(sameDay, first, Self.all4)
        #expect(late.status == 422)
        #expect(try Self.kind(late) == "survey-window-closed")
        sameDay.stop()
        let window = try TestServer(store: store, sharing: monday, extraArguments: ["--survey-window-days", "1"], clockStart: tuesday)
        #expect(try Self.submit(window, second, Self.all4).status == 201)
        sameDay.expectContractKept()
        window.expectContractKept()
    }

    /// Ten served tickets of two services with known answers, reported after March: the IKM of each service,
    /// agency and the site as worked out by hand, the minimum sample, the suggestion sanitised, the CSV and the page.
    @Test(arguments: StoreKind.allCases) func reportOfAPeriodAsJSONCSVAndPage(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let threes = [3, 3, 3, 3, 3, 3, 3, 3, 3], mixed = [4, 3, 4, 3, 4, 3, 4, 3, 4]
        for (index, answers) in [Self.all4, threes, Self.all4, threes, threes].enumerated() {
            let suggestion = index == 0 ? "Tolong hubungi saya 0812-3456-7890\u{202E} ya" : nil
            #expect(try Self.submit(server, try Self.served(server), answers, suggestion: suggestion).status == 201)
        }
        for _ in 0..<5 { #expect(try Self.submit(server, try Self.served(server, "meterai"), mixed).status == 201) }
        _ = try Self.served(server, finish: false)  // waiting: not served, not in the population
        server.stop()
        let later = try TestServer(store: store, sharing: server, clockStart: SurveyReportPrivacyTests.afterMarch)

        let report = try Self.json(try Self.get(later, "/v1/surveys/report?period=2026-Q1"))
        let site = try #require((report["sites"] as? [[String: Any]])?.first)
        // 25 × (2 × 36 + 3 × 27 + 5 × 32) / 90 = 86.944… → 86.94, B.
        #expect(site["ikm"] as? Double == 86.94 && site["grade"] as? String == "B")
        #expect(site["served"] as? Int == 10 && site["respondents"] as? Int == 10 && site["minimumSample"] as? Int == 10)
        let services = try #require(report["services"] as? [[String: Any]])
        // ktp-el: 25 × 153 / 45 = 85.00 (B); meterai: 25 × 32 / 9 = 88.888… → 88.89 (A).
        #expect(services.map { $0["serviceId"] as? String } == ["ktp-el", "meterai"])
        #expect(services.map { $0["ikm"] as? Double } == [85, 88.89])
        #expect(services.map { $0["grade"] as? String } == ["B", "A"])
        #expect((report["agencies"] as? [[String: Any]])?.map { $0["agencyId"] as? String } == ["disdukcapil", "pos-indonesia"])
        let suggestions = try #require(report["suggestions"] as? [[String: Any]])
        #expect(suggestions.map { $0["text"] as? String } == ["Tolong hubungi saya *** ya"])
        #expect(report["from"] as? String == "2026-01-01" && report["to"] as? String == "2026-03-31")

        let csv = try Self.get(later, "/v1/surveys/report.csv?period=2026-03")
        #expect(csv.status == 200)
        let lines = Self.text(csv).split(separator: "\r\n").map(String.init)
        #expect(lines.first?.hasPrefix("level,period,site,agency,service,") == true)
        #expect(lines.contains("site,2026-03,default,,,default,10,10,10,yes,3.70,3.20,3.70,3.20,3.70,3.20,3.70,3.20,3.70,86.94,B"))
        let page = Self.text(try Self.get(later, "/v1/surveys/report.html?period=2026-Q1"))
        #expect(page.contains("Laporan Survei Kepuasan Masyarakat") && page.contains("86.94") && page.contains("Tolong hubungi saya *** ya"))

        let empty = try Self.json(try Self.get(later, "/v1/surveys/report?period=2026-04"))
        #expect((empty["sites"] as? [Any])?.isEmpty == true)
        #expect(try Self.get(later, "/v1/surveys/report?period=2026-13").status == 400)
        #expect(try Self.get(later, "/v1/surveys/report?period=2026-03", token: later.kioskToken).status == 403)
        #expect(try Self.get(later, "/v1/surveys/report?period=2026-03&site=denpasar").status == 403)
        server.expectContractKept()
        later.expectContractKept()
    }

    /// The citizen page of a served ticket offers the form (and stops reloading); its post is taken once.
    @Test(arguments: StoreKind.allCases) func citizenPageOfAServedTicketTakesTheSurvey(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let waiting = try Self.served(server, "meterai", finish: false)
        let id = try Self.served(server)
        let waitingPage = try server.transport().send(HTTPRequest(method: "GET", path: QueueAPI.citizenPage(waiting)))
        #expect(!Self.text(waitingPage).contains("<form") && Self.text(waitingPage).contains("http-equiv=\"refresh\""))
        let page = try server.transport().send(HTTPRequest(method: "GET", path: QueueAPI.citizenPage(id)))
        let html = Self.text(page)
        #expect(html.contains("<form method=\"post\" action=\"/t/\(id)/survey\">") && !html.contains("http-equiv=\"refresh\""))
        #expect(html.contains("Nilai layanan kami") && html.contains("Rate our service"))
        #expect(html.contains("kesesuaian persyaratan pelayanan") && !html.contains("<script"))
        #expect(page.headers["content-security-policy"]?.contains("form-action 'self'") == true)
        #expect(page.headers["content-security-policy"]?.contains("default-src 'none'") == true)

        func post(_ ticket: String, _ body: String) throws -> HTTPReply {
            try server.transport().send(
                HTTPRequest(
                    method: "POST", path: "/t/\(ticket)/survey", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                    body: Array(body.utf8)))
        }
        let form = (1...9).map { "u\($0)=\($0 % 4 + 1)" }.joined(separator: "&") + "&saran=Antre+cepat%2C+terima+kasih"
        let thanks = try post(id, form)
        #expect(thanks.status == 200 && Self.text(thanks).contains("Terima kasih atas penilaian Anda"))
        let again = try post(id, (1...9).map { "u\($0)=1" }.joined(separator: "&"))
        #expect(again.status == 409 && Self.text(again).contains("sudah diisi") && Self.text(again).contains("already been answered"))
        #expect(try post(waiting, form).status == 422)
        #expect(try post(id, "u1=4").status == 400)
        // Over the body limit: 413 with the page (it was 500, "try again": session 27's review).
        let huge = try post(waiting, form + "&x=" + String(repeating: "a", count: 300_000))
        #expect(huge.status == 413 && Self.text(huge).contains("too long"))
        // The report lists suggestions after the period, of five answers or more (SurveyReportPrivacyTests): the stored row.
        #expect(try SurveyPrivacyTests.rows(server, "SELECT suggestion FROM surveys") == [["Antre cepat, terima kasih"]])
        server.expectContractKept()
    }
}
