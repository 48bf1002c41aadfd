import CSodium
import Foundation
import KioskCore
import KioskDevices
import KioskLink
import KioskSQLite
import KioskProtocol
import KioskTestSupport
import Testing

/// The survey (issue 20) end to end: a real kioskd linked to a real queue-server (through a fault
/// proxy), a ticket served by a counter, its QR scanned through the scanner FIFO, nine answers tapped,
/// and the survey on the server once: online, with the server away until after the answers (the
/// outbox), and with kioskd killed (-9) after the answers before they could be sent.
@Suite(.serialized) struct SurveyEndToEndTests {
    /// The linked kiosk's set-up with a scanner FIFO, and a counter's client of the server.
    final class Setup: Sendable {
        let linked: LinkedKioskEndToEndTests.Setup
        let staff: QueueClient
        var server: QueueServerProcess { linked.server }
        var proxy: FaultProxy { linked.proxy }
        var printer: PrinterEmulator { linked.printer }
        var fixture: KioskFixture { linked.fixture }

        init() throws {
            linked = try LinkedKioskEndToEndTests.Setup(scanner: KioskFixture.scannerFIFO)
            staff = QueueClient(
                transport: try CurlTransport(baseURL: "http://127.0.0.1:\(linked.server.port)", timeoutMilliseconds: 5000),
                token: try linked.server.addStaff("COUNTER-1"))
        }

        func start() throws -> KioskProcess {
            let kiosk = try linked.start()
            try #require(kiosk.waitForLines(containing: "scanner.fifo open").count == 1, "the scanner FIFO opened: \(kiosk.lines)")
            return kiosk
        }

        /// A ticket taken at the kiosk, then called, started and done at a counter; returns its id.
        func servedTicket(_ kiosk: KioskProcess, _ touch: KioskTouchDriver, number: Int) throws -> String {
            try touch.takeTicket(agency: "samsat", service: "balik-nama")
            let ticket = try #require(LinkedKioskEndToEndTests.tickets(kiosk, count: number).last)
            try touch.finishTicket()
            // A ticket numbered offline (the server slow to answer) reaches the server with the next sync.
            var waiting: QueueTicket?
            let deadline = Date().addingTimeInterval(30)
            while waiting == nil, Date() < deadline {
                waiting = try staff.callNext(CallNextRequest(counterId: "C1", serviceIds: ["balik-nama"], day: today))
                if waiting == nil { usleep(200_000) }
            }
            let called = try #require(waiting, "the ticket reached the server: \(kiosk.lines.suffix(30))")
            #expect(called.ticketId == ticket.id)
            _ = try staff.counter(.start, ticketID: ticket.id)
            _ = try staff.counter(.done, ticketID: ticket.id)
            return ticket.id
        }

        /// Waits until kioskd shows its first screen again (the thanks screen also closes by itself).
        func waitForHome() throws {
            let probe = ControlProbe(fixture)
            let deadline = Date().addingTimeInterval(30)
            while probe.screen() != "home", Date() < deadline { usleep(100_000) }
            try #require(probe.screen() == "home", "back on the first screen")
        }

        var today: String { LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey }

        /// "Nilai layanan kami", the ticket's QR through the scanner FIFO, nine answers and Skip.
        func answerSurvey(_ kiosk: KioskProcess, _ touch: KioskTouchDriver, ticket: String, answers: [Int], started: Int) throws {
            try touch.press(.survey(.start), on: .home)
            try #require(kiosk.waitForLines(containing: "survey: started", count: started).count == started, "\(kiosk.lines.suffix(8))")
            let scanner = try FIFOWriter(fixture.directory + "/scanner.fifo")
            #expect(scanner.write(try #require(SyntheticScanner.type("http://127.0.0.1:\(proxy.port)/t/\(ticket)", suffix: .enter))))
            try #require(kiosk.waitForLines(containing: "survey: a ticket scanned", count: started).count == started, "\(kiosk.lines.suffix(8))")
            let id = try #require(TicketID(ticket))
            for (index, answer) in answers.enumerated() {
                var shown = answers.prefix(index).map { $0 }
                shown += Array(repeating: 0, count: 9 - index)
                try touch.press(.survey(.answer(answer)), on: .survey(.question(id, index: index, answers: shown)))
            }
            try touch.press(.survey(.skip), on: .survey(.suggestion(id, answers: answers, text: "")))
        }

        /// The answers the server holds for `ticket`: u1…u9 of its one survey row, or nil; and how many rows.
        /// The server files an answer under HMAC-SHA256 of the ticket id, keyed by the file beside its database
        /// (docs/survey.md), never under the id itself.
        func surveys(_ ticket: String) throws -> (answers: [Int]?, rows: Int) {
            let database = try SQLiteDatabase(path: server.database, readOnly: true)
            let rows = try database.query(
                "SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9, channel FROM surveys WHERE ticket_hash = ?", [.text(try SurveyEndToEndTests.surveyHash(ticket, keyFile: server.database + ".survey-key"))])
            let answers = rows.first.map { row in row.prefix(9).map { if case .integer(let n) = $0 { Int(n) } else { 0 } } }
            return (answers, rows.count)
        }
    }

    static let answers = [4, 3, 4, 3, 4, 3, 4, 3, 2]

    /// HMAC-SHA256 of `ticket` under the server's survey key (`DATABASE.survey-key`, 64 hex digits), in hex.
    static func surveyHash(_ ticket: String, keyFile: String) throws -> String {
        let hex = Array(try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        let key = try #require(hex.count == 64 ? stride(from: 0, to: 64, by: 2).compactMap { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16) } : nil)
        try #require(key.count == 32)
        let message = Array(ticket.utf8)
        var mac = [UInt8](repeating: 0, count: 32)
        try #require(crypto_auth_hmacsha256(&mac, message, UInt64(message.count), key) == 0)
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    @Test(.timeLimit(.minutes(4)))
    func aServedTicketsSurveyReachesTheServerOnceOnlineFromTheOutboxAndAfterAKill() throws {
        let setup = try Setup()
        var kiosk = try setup.start()
        let touch = try KioskTouchDriver(setup.fixture)
        touch.linked = true

        // Online.
        let online = try setup.servedTicket(kiosk, touch, number: 1)
        try setup.answerSurvey(kiosk, touch, ticket: online, answers: Self.answers, started: 1)
        try #require(kiosk.waitForLines(containing: "a survey answer stored by the queue server").count == 1, "\(kiosk.lines.suffix(8))")
        #expect(try setup.surveys(online).answers == Self.answers && setup.surveys(online).rows == 1)
        try touch.press(.back, on: .survey(.thanks(later: false)))
        try setup.waitForHome()

        // The server away until after the answers: thanks at once, sent once when it is back.
        let away = try setup.servedTicket(kiosk, touch, number: 2)
        setup.proxy.fault = .reset
        try setup.answerSurvey(kiosk, touch, ticket: away, answers: Array(Self.answers.reversed()), started: 2)
        try #require(kiosk.waitForLines(containing: "a survey answer waits in the outbox").count >= 1, "\(kiosk.lines.suffix(8))")
        #expect(try setup.surveys(away).rows == 0)
        setup.proxy.fault = .none
        try #require(kiosk.waitForLines(containing: "survey answer(s) sent from the outbox").count >= 1, "\(kiosk.lines.suffix(8))")
        #expect(try setup.surveys(away).answers == Array(Self.answers.reversed()) && setup.surveys(away).rows == 1, "\(kiosk.lines.suffix(12))")
        try touch.press(.back, on: .survey(.thanks(later: true)))
        try setup.waitForHome()

        // kill -9 after the answers, before they could be sent: the next kioskd sends them, once.
        let killed = try setup.servedTicket(kiosk, touch, number: 3)
        setup.proxy.fault = .reset
        let waitedBefore = kiosk.lines.filter { $0.contains("a survey answer waits in the outbox") }.count
        try setup.answerSurvey(kiosk, touch, ticket: killed, answers: [1, 2, 3, 4, 1, 2, 3, 4, 1], started: 3)
        try #require(
            kiosk.waitForLines(containing: "a survey answer waits in the outbox", count: waitedBefore + 1).count > waitedBefore, "\(kiosk.lines.suffix(8))")
        let namedBeforeKill = kiosk.lines.filter { $0.lowercased().contains("survey") && [online, away, killed].contains(where: $0.contains) }
        #expect(namedBeforeKill.isEmpty, "no survey line names its ticket (docs/survey.md): \(namedBeforeKill)")
        _ = kiosk.stop(signal: SIGKILL)
        setup.proxy.fault = .none
        kiosk = try setup.start()
        try #require(kiosk.waitForLines(containing: "survey answer(s) sent from the outbox").count >= 1, "\(kiosk.lines.suffix(8))")
        #expect(try setup.surveys(killed).answers == [1, 2, 3, 4, 1, 2, 3, 4, 1] && setup.surveys(killed).rows == 1)
        #expect(try setup.surveys(online).rows == 1 && setup.surveys(away).rows == 1, "nothing sent twice: \(kiosk.lines.suffix(12))")
        // No survey line names its ticket: with their times they would tie an answer to its citizen (docs/survey.md).
        let named = kiosk.lines.filter { $0.lowercased().contains("survey") && [online, away, killed].contains(where: $0.contains) }
        #expect(named.isEmpty, "\(named)")
        #expect(kiosk.stop() == 0)
    }
}
