import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import Synchronization

/// A working day of a city, compressed: sites × kiosks × counters against one server process that is
/// killed with SIGKILL and restarted while they work. Each kiosk issues a third of its tickets online,
/// goes offline for a third (printing leased numbers) and syncs them, then issues the rest online;
/// each counter calls, starts and finishes tickets of its site. Every request is retried, with the
/// same ticket id, until the server answers it.
struct CityDay {
    var sites = ["default", "denpasar", "gianyar"]
    var kiosksPerSite = 10
    var countersPerSite = 2
    var ticketsPerKiosk = 24
    var kills = 5
    var store = StoreKind.sqlite

    /// What happened, counted.
    struct Report: CustomStringConvertible {
        var acknowledged = 0
        var offlineAcknowledged = 0
        var called = 0
        var kills = 0
        /// Numbers acknowledged to two different tickets of one site.
        var duplicates = 0
        /// Acknowledged tickets the server does not hold under the acknowledged number.
        var lost = 0
        var failures: [String] = []
        var seconds = 0.0

        var description: String {
            "city day: \(acknowledged) tickets acknowledged (\(offlineAcknowledged) offline, synced), \(called) called, "
                + "\(kills) kill -9, \(duplicates) duplicate numbers per site, \(lost) lost, \(failures.count) failures, "
                + String(format: "%.1f s", seconds)
        }
    }

    private struct Acknowledged: Sendable {
        let site: String
        let ticketID: String
        let number: String
        let offline: Bool
    }

    func run() throws -> Report {
        let began = Date()
        let server = try TestServer(store: store, extraArguments: ["--always-open"])
        let catalogue = try ConfigParser.catalogue(
            text: try String(contentsOfFile: TestServer.catalogue, encoding: .utf8), path: TestServer.catalogue)
        guard let meterai = catalogue.service(ServiceID("meterai")) else { throw CheckerError("no meterai in the sample catalogue") }
        var kioskTokens: [(site: String, token: String)] = []
        var staffTokens: [(site: String, token: String)] = []
        for site in sites {
            let named = site == "default" ? nil : site
            for index in 0..<kiosksPerSite { kioskTokens.append((site, try server.addKiosk("\(site)-k\(index)", site: named))) }
            for index in 0..<countersPerSite {
                staffTokens.append((site, try server.addToken(role: "staff", id: "\(site)-loket\(index)", site: named)))
            }
        }
        let acknowledged = Mutex<[Acknowledged]>([])
        let called = Mutex(0)
        let failures = Mutex<[String]>([])
        let kiosksDone = Mutex(0)
        let kioskCount = kioskTokens.count
        let total = kioskCount * ticketsPerKiosk
        let tickets = ticketsPerKiosk
        let group = DispatchGroup()
        for (index, kiosk) in kioskTokens.enumerated() {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave(); kiosksDone.withLock { $0 += 1 } }
                do {
                    for ack in try Self.kioskDay(server, token: kiosk.token, site: kiosk.site, index: index, tickets: tickets, service: meterai) {
                        acknowledged.withLock { $0.append(ack) }
                    }
                } catch {
                    failures.withLock { $0.append("kiosk \(index): \(error)") }
                }
            }
        }
        for (index, staff) in staffTokens.enumerated() {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let call = CallNextRequest(counterId: "L\(index % countersPerSite)", serviceIds: ["meterai"], day: TestServer.mondayDay)
                do {
                    while true {
                        let ticket: QueueTicket? = try Self.retrying(server, staff.token) { try $0.callNext(call) }
                        guard let ticket else {
                            if kiosksDone.withLock({ $0 }) == kioskCount { return }
                            Thread.sleep(forTimeInterval: 0.05)
                            continue
                        }
                        called.withLock { $0 += 1 }
                        _ = try? Self.retrying(server, staff.token) { try $0.counter(.start, ticketID: ticket.ticketId) }
                        _ = try? Self.retrying(server, staff.token) { try $0.counter(.done, ticketID: ticket.ticketId) }
                    }
                } catch {
                    failures.withLock { $0.append("counter \(staff.site) \(index): \(error)") }
                }
            }
        }
        var report = Report()
        // Kill -9 at evenly spaced points of the day's acknowledged tickets, restarting at once.
        for kill in 0..<kills {
            let target = total * (kill + 1) / (kills + 1)
            while acknowledged.withLock({ $0.count }) < target, kiosksDone.withLock({ $0 }) < kioskCount {
                Thread.sleep(forTimeInterval: 0.02)
            }
            server.kill9()
            try server.start()
            report.kills += 1
        }
        group.wait()

        let acks = acknowledged.withLock { $0 }
        report.acknowledged = acks.count
        report.offlineAcknowledged = acks.filter(\.offline).count
        report.called = called.withLock { $0 }
        report.failures = failures.withLock { $0 }
        for (_, group) in Dictionary(grouping: acks, by: { "\($0.site) \($0.number)" }) where Set(group.map(\.ticketID)).count > 1 {
            report.duplicates += 1
        }
        // City staff read every site's tickets (a site's staff see only their own).
        let reader = try server.client(token: try server.addToken(role: "city", id: "city-check"))
        for ack in acks where (try? reader.ticket(ack.ticketID).number) != ack.number { report.lost += 1 }
        report.seconds = Date().timeIntervalSince(began)
        return report
    }

    /// One kiosk's day; returns the tickets the server acknowledged.
    private static func kioskDay(
        _ server: TestServer, token: String, site: String, index: Int, tickets: Int, service: Service
    ) throws -> [Acknowledged] {
        var acks: [Acknowledged] = []
        let third = max(1, tickets / 3)
        // The day, compressed: ticket j of every kiosk claims 08:30 + j/tickets of 3 hours (the server's clock is 10:00).
        func request(_ j: Int) -> IssueTicketRequest {
            let moment = TestServer.mondayMorning - 5_400_000 + Int64(j) * 10_800_000 / Int64(tickets) + Int64(index)
            return IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "meterai", issuedAt: moment, clockOffsetMs: 0, language: "id")
        }
        func online(_ j: Int) throws {
            let body = request(j)
            let ticket: QueueTicket = try retrying(server, token) { try $0.issue(body) }
            acks.append(Acknowledged(site: site, ticketID: ticket.ticketId, number: ticket.number, offline: false))
        }
        for j in 0..<third { try online(j) }
        // Offline: numbers from a lease taken while still online, printed, then synced once back.
        let leaseRequest = LeaseRequest(serviceId: "meterai", day: TestServer.mondayDay, count: third)
        let lease: Lease = try retrying(server, token) { try $0.lease(leaseRequest) }
        var outbox: [OfflineTicket] = []
        for sequence in lease.first...lease.last {
            let number = Ticket.number(for: service, sequence: sequence)
            outbox.append(OfflineTicket(ticket: request(third + sequence - lease.first), sequence: sequence, number: number))
        }
        let batch = SyncBatch(tickets: outbox)
        let reply: SyncReply = try retrying(server, token) { try $0.sync(batch) }
        for (sent, result) in zip(outbox, reply.results) {
            guard result.outcome != SyncOutcome.rejected else { throw CheckerError("sync rejected: \(result.reason ?? "")") }
            acks.append(Acknowledged(site: site, ticketID: sent.ticket.ticketId, number: sent.number, offline: true))
        }
        for j in (2 * third)..<tickets { try online(j) }
        return acks
    }

    /// Runs `work` with a client of the server's current port until the server answers (a restart
    /// changes the port); a problem the server answered with is thrown, except `in-flight`.
    private static func retrying<T>(_ server: TestServer, _ token: String, _ work: (QueueClient) throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(90)
        while true {
            do {
                return try work(try server.client(token: token, timeoutMilliseconds: 3000))
            } catch let error as QueueClientError {
                if case .problem(let problem) = error, problem.kind != "in-flight" { throw error }
            }
            guard Date() < deadline else { throw CheckerError("the server did not answer for 90 s") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }
}
