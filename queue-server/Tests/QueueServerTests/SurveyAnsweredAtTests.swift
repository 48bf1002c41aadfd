import Foundation
import KioskLink
import KioskProtocol
import Testing

/// A kiosk's survey answer carries when the citizen answered (`answeredAt + clockOffsetMs`, issue 20):
/// the window is judged on that day, so an answer that waited in the kiosk's outbox past midnight keeps
/// it; the moment is a hostile number, bounded like `issuedAt` (no trap, not ahead of the server's clock
/// beyond the skew limit, not before the ticket).
@Suite("Survey answeredAt")
struct SurveyAnsweredAtTests {
    static let monday = TestServer.mondayMorning

    /// POST /v1/tickets/{id}/survey with all 4s and these extra fields.
    static func submit(_ server: TestServer, _ id: String, answeredAt: Int64?, offset: Int64? = 0) throws -> HTTPReply {
        var body: [String: Any] = ["answers": [4, 4, 4, 4, 4, 4, 4, 4, 4]]
        if let answeredAt { body["answeredAt"] = NSNumber(value: answeredAt) }
        if let offset { body["clockOffsetMs"] = NSNumber(value: offset) }
        return try server.transport().send(
            HTTPRequest(
                method: "POST", path: QueueAPI.survey(id),
                headers: ["Authorization": "Bearer \(server.kioskToken)", "Content-Type": "application/json"],
                body: Array(try JSONSerialization.data(withJSONObject: body))))
    }

    @Test(arguments: StoreKind.allCases) func theMomentIsStoredAndHostileMomentsAreRefusedWithoutATrap(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let id = try SurveyTests.served(server)
        for (answeredAt, offset) in [
            (Self.monday + 3 * 3_600_000, Int64(0)),  // three hours ahead of the server's clock
            (Self.monday, Int64(3 * 3_600_000)),  // the same through the offset
            (Int64.max, Int64.max), (Int64.max, Int64(1)),  // saturates, no trap
            (Self.monday - 10 * 60_000, Int64(0)),  // ten minutes before the ticket was issued (5 are slack)
            (Int64.min, Int64.min), (Int64.min, Int64(-1)),
        ] {
            let reply = try Self.submit(server, id, answeredAt: answeredAt, offset: offset)
            #expect(reply.status == 422, "\(answeredAt) + \(offset)")
            #expect(try SurveyTests.kind(reply) == "clock-skew", "\(answeredAt) + \(offset)")
        }
        // None of them used the ticket's survey; the kiosk's moment (its clock 90 s behind, 11:02 while the server's
        // clock says 10:00) is what is stored, as its hour (11:00): the server keeps no minute (F3).
        let first = try Self.submit(server, id, answeredAt: Self.monday + 3_630_000, offset: 90_000)
        #expect(first.status == 201)
        #expect(try SurveyTests.json(first)["answeredAt"] as? Int == Int(Self.monday + 3_600_000))
        // The outbox sends it again after a lost reply, at another moment: the same answer, the first receipt.
        let replay = try Self.submit(server, id, answeredAt: Self.monday + 3_630_000, offset: 95_000)
        #expect(replay.status == 200)
        #expect(try SurveyTests.json(replay)["answeredAt"] as? Int == Int(Self.monday + 3_600_000))
        server.expectContractKept()
    }

    /// Monday's answers arriving on Tuesday from a kiosk's outbox are taken with the default window (the
    /// same day); an answer given on Tuesday is not.
    @Test(arguments: StoreKind.allCases) func anOutboxAnswerKeepsTheDayItWasGiven(store: StoreKind) throws {
        let monday = try TestServer(store: store)
        let (first, second) = (try SurveyTests.served(monday), try SurveyTests.served(monday))
        monday.stop()
        let tuesday = try TestServer(store: store, sharing: monday, clockStart: Self.monday + 86_400_000)
        #expect(try Self.submit(tuesday, first, answeredAt: Self.monday + 3_600_000).status == 201)
        let late = try Self.submit(tuesday, second, answeredAt: Self.monday + 86_400_000)
        #expect(late.status == 422)
        #expect(try SurveyTests.kind(late) == "survey-window-closed")
        #expect(try Self.submit(tuesday, second, answeredAt: nil, offset: nil).status == 422, "no moment: judged on arrival")
        tuesday.expectContractKept()
    }

    /// Session 27's hostile review: a kiosk dated its answer back to the ticket's own moment and surveyed
    /// a ticket served three days before, past a same-day window; an answer is taken at most the window
    /// and one day after the moment it claims.
    @Test(arguments: StoreKind.allCases) func aKioskCannotDateAnAnswerBackPastTheWindow(store: StoreKind) throws {
        let monday = try TestServer(store: store)
        let id = try SurveyTests.served(monday)
        monday.stop()
        let thursday = try TestServer(store: store, sharing: monday, clockStart: Self.monday + 3 * 86_400_000)
        for (answeredAt, offset) in [(Self.monday, Int64(0)), (Self.monday + 60_000, Int64(0)), (Self.monday + 3 * 86_400_000, -3 * 86_400_000)] {
            let reply = try Self.submit(thursday, id, answeredAt: answeredAt, offset: offset)
            let kind = try SurveyTests.kind(reply)
            #expect(reply.status == 422 && kind == "survey-window-closed", "\(answeredAt) + \(offset)")
        }
        thursday.expectContractKept()
    }
}
