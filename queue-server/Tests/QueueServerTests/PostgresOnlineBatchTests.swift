import Foundation
@testable import QueueServer
import KioskLink
import KioskProtocol
import Synchronization
import Testing

/// The PostgreSQL store's writer stores the common online tickets of one group commit in one
/// statement (``PostgresStatements/IssueOnline``): one round trip for the batch, not one per ticket.
@Suite("PostgreSQL store: a batch's online tickets in one statement")
struct PostgresOnlineBatchTests {
    /// Tickets from 16 kiosks at once share statements (a row's `xmin` and `cmin` name the transaction
    /// and the statement in it that wrote it), number without duplicates or gaps, and each answer counts
    /// as ahead the tickets before it in queue order that were stored before it: by an earlier statement,
    /// or by its own and numbered before it.
    @Test(.timeLimit(.minutes(2))) func ticketsIssuedTogetherShareOneStatementAndAnswerAsStored() throws {
        let server = try TestServer(store: .postgres)
        let answers = Mutex<[QueueTicket]>([])
        let failures = Mutex<[String]>([])
        LoadAndCrashTests.onThreads(16) { index in
            do {
                let client = try server.client()
                for number in 0..<8 {
                    // Many tickets of one millisecond: the queue orders them by id.
                    let moment = TestServer.mondayMorning + Int64(number)
                    let ticket = try client.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "meterai", issuedAt: moment))
                    answers.withLock { $0.append(ticket) }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(3) })")
        let tickets = answers.withLock { $0 }
        #expect(tickets.compactMap(\.sequence).sorted() == Array(1...128), "duplicates or gaps")
        let cluster = try PostgresCluster.shared.get()
        let name = try #require(server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first)
        var statement: [String: (Int, Int, Int)] = [:]
        var queued: [String: Int64] = [:]
        for line in try cluster.psql(name, "SELECT ticket_id, xmin::text, cmin::text, queued_at, sequence FROM tickets").split(separator: "\n") {
            let cells = line.split(separator: "|").map(String.init)
            statement[cells[0]] = (Int(cells[1]) ?? -1, Int(cells[2]) ?? -1, Int(cells[4]) ?? -1)
            queued[cells[0]] = Int64(cells[3]) ?? -1
        }
        let statements = Set(statement.values.map { "\($0.0).\($0.1)" })
        #expect(statements.count < tickets.count / 2, "\(statements.count) statements stored \(tickets.count) tickets")
        for ticket in tickets {
            let own = try #require(statement[ticket.ticketId])
            let key = (try #require(queued[ticket.ticketId]), ticket.ticketId)
            let ahead = statement.filter { id, written in
                guard let at = queued[id] else { return false }
                let sameStatement = written.0 == own.0 && written.1 == own.1
                return (at, id) < key && ((written.0, written.1) < (own.0, own.1) || (sameStatement && written.2 < own.2))
            }.count
            #expect(ticket.peopleAhead == ahead, "ticket \(ticket.ticketId)")
        }
        server.expectContractKept()
    }
}
