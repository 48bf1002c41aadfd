import Foundation
import KioskLink
import KioskProtocol
import Testing

/// Issue 12's hostile kiosk (a valid token, hostile numbers) and issue 11's day and fallback rules (the quota: ``QuotaPaperTests``).
@Suite("A hostile kiosk: clocks, days, quotas, numbers, priority, ids")
struct HostileKioskTests {
    let monday = TestServer.mondayMorning
    static let hour: Int64 = 3_600_000

    func request(_ id: String = TestServer.newID(), service: String = "ktp-el", at: Int64? = nil, offset: Int64 = 0, priority: Bool = false)
        -> IssueTicketRequest
    {
        IssueTicketRequest(ticketId: id, serviceId: service, issuedAt: at ?? monday, clockOffsetMs: offset, language: "id", priority: priority)
    }

    /// The problem kind `body` was refused with; nil when it succeeded.
    func kind(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as QueueClientError {
            return IssuingTests.kind(error)
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: StoreKind.allCases) func clockNumbersThatOverflowAreRefusedAndTheServerStaysUp(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        #expect(kind { _ = try kiosk.issue(request(at: .max - 5, offset: 1_000)) } == "clock-skew")
        #expect(kind { _ = try kiosk.issue(request(at: .min + 5, offset: -1_000)) } == "clock-skew")
        try TestServer.run(["add-booking"] + server.storeArguments + ["--code", "BK-7777", "--service", "ktp-el", "--day", TestServer.mondayDay])
        #expect(kind { _ = try kiosk.checkIn(CheckInRequest(ticketId: TestServer.newID(), bookingCode: "BK-7777", issuedAt: .max, clockOffsetMs: .max)) } == "clock-skew")
        let lease = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 2))
        let reply = try kiosk.sync(SyncBatch(tickets: [
            OfflineTicket(ticket: request(at: .max, offset: .max), sequence: lease.first, number: "DA-001", day: TestServer.mondayDay),
            OfflineTicket(ticket: request(at: .min, offset: .min), sequence: lease.last, number: "DA-002"),
        ]))
        #expect(reply.results.map(\.reason) == ["clock-skew", "clock-skew"])
        // Still serving: the process did not trap.
        #expect(try kiosk.issue(request()).number == "DA-003")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func aClockFarFromTheServersIsRefusedOnlineAndCannotJumpTheQueueOffline(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        #expect(kind { _ = try kiosk.issue(request(at: monday - 10 * Self.hour)) } == "clock-skew")
        #expect(kind { _ = try kiosk.issue(request(at: monday + 3 * Self.hour)) } == "clock-skew")
        let online = try kiosk.issue(request(at: monday))
        let lease = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 5))
        // An hour before the online ticket, within the skew, but before its lease existed: it queues
        // from the lease's moment on, behind the online ticket, and keeps its original issuedAt.
        let early = OfflineTicket(ticket: request(at: monday - Self.hour), sequence: lease.first, number: "DA-00\(lease.first)", day: TestServer.mondayDay)
        // 21:00 the evening before: outside the day widened by the skew.
        let farOff = OfflineTicket(ticket: request(at: monday - 13 * Self.hour), sequence: lease.first + 1, number: "DA-00\(lease.first + 1)", day: TestServer.mondayDay)
        let reply = try kiosk.sync(SyncBatch(tickets: [early, farOff]))
        #expect(reply.results.map(\.outcome) == [.accepted, .rejected])
        #expect(reply.results[1].reason == "clock-skew")
        #expect(reply.results[0].ticket?.peopleAhead == 1)
        #expect(try kiosk.ticket(online.ticketId).peopleAhead == 0)
        let beat = try kiosk.heartbeat(Heartbeat(
            softwareVersion: "t", printer: .ok, scanner: .ok, touchscreen: .ok, outboxDepth: 0, leasedNumbersLeft: 0, clockOffsetMs: 0))
        #expect(beat.maxClockSkewMs == 2 * Self.hour)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func leaseDaysAreRealDatesNearTheServersDay(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        for bad in ["aaaa-bb-cc", "2026-02-30", "2026-13-01", "-29719-04-06", "2026-3-2"] {
            #expect(kind { _ = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: bad, count: 5)) } == "invalid-request", "\(bad)")
        }
        #expect(kind { _ = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: "2031-03-02", count: 5)) } == "day-out-of-range")
        // The kiosk's own day may be the server's day or either side of it (clocks around midnight)…
        for day in ["2026-03-02", "2026-03-03"] {
            #expect(try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: day, count: 1)).day == day)
        }
        // … but no number is leased for a day the service is closed (Sunday 1 March).
        #expect(kind { _ = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: "2026-03-01", count: 1)) } == "closed")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func fallbackNumbersAreTheKiosksOwnAndNeverHeldTwice(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let first = try server.client(token: try server.addKiosk("lantai1-k01"))
        let second = try server.client(token: try server.addKiosk("lantai2-k01"))
        let online = try first.issue(request())
        let markA = try #require(try first.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 1)).fallbackMark)
        let markB = try #require(try second.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 1)).fallbackMark)
        #expect(markA == "K01" && markB != markA)
        func offline(_ number: String) -> OfflineTicket {
            OfflineTicket(ticket: request(at: monday + 5), sequence: nil, number: number, day: TestServer.mondayDay)
        }
        // Another ticket's online number, another kiosk's mark, or a mark-less string: refused.
        let refused = try second.sync(SyncBatch(tickets: [offline(online.number), offline("DA-K01-0001"), offline("WHATEVER")]))
        #expect(refused.results.map(\.reason) == ["not-leased", "not-leased", "not-leased"])
        let own = try second.sync(SyncBatch(tickets: [offline("DA-\(markB)-0001"), offline("DA-\(markB)-0001")]))
        #expect(own.results.map(\.outcome) == [.accepted, .rejected])
        #expect(own.results[1].reason == "duplicate-number")
        #expect(try first.sync(SyncBatch(tickets: [offline("DA-K01-0001")])).results.map(\.outcome) == [.accepted])
        server.expectContractKept()
    }

    /// A count has one spelling, the kiosk's (four digits, zero-padded, no leading zero beyond them): a hostile
    /// kiosk's `DA-K01-00003` beside `DA-K01-0003` would be two papers for one number (review, session 29).
    @Test(arguments: StoreKind.allCases) func aFallbackCountHasOneSpelling(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client(token: try server.addKiosk("lantai1-k01"))
        let mark = try #require(try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 1)).fallbackMark)
        func offline(_ digits: String) -> OfflineTicket {
            OfflineTicket(ticket: request(at: monday + 5), sequence: nil, number: "DA-\(mark)-" + digits, day: TestServer.mondayDay)
        }
        let spellings = ["0003", "00003", "000003", "0000", "10000", "010000", "003"]
        let reply = try kiosk.sync(SyncBatch(tickets: spellings.map(offline)))
        #expect(reply.results.map(\.outcome) == [.accepted, .rejected, .rejected, .rejected, .accepted, .rejected, .rejected])
        #expect(reply.results.compactMap(\.reason) == Array(repeating: "not-leased", count: 5))
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func leasedNumbersAreAcceptedForTheLeasesDayAcrossMidnight(store: StoreKind) throws {
        // The server's clock is 00:30 Tuesday; the kiosk, 9 h behind, numbered on its Monday afternoon.
        let tuesdayHalfPastMidnight = monday + 14 * Self.hour + 30 * 60_000
        let server = try TestServer(store: store, clockStart: tuesdayHalfPastMidnight)
        let kiosk = try server.client()
        let lease = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 2))
        let knowsOffset = OfflineTicket(
            ticket: request(at: monday + 5 * Self.hour + 30 * 60_000, offset: 9 * Self.hour), sequence: lease.first,
            number: "DA-00\(lease.first)", day: TestServer.mondayDay)
        let reply = try kiosk.sync(SyncBatch(tickets: [knowsOffset]))
        #expect(reply.results.map(\.outcome) == [.accepted], "\(reply.results.map { $0.reason ?? "ok" })")
        #expect(reply.results.first?.ticket?.day == TestServer.mondayDay)
        server.expectContractKept()

        // The other direction: the server is 9 h behind the kiosk, which numbers on its Tuesday morning.
        let mondayEvening = monday + 13 * Self.hour + 30 * 60_000
        let behind = try TestServer(store: store, extraArguments: ["--always-open"], clockStart: mondayEvening)
        let early = try behind.client()
        let tuesdayLease = try early.lease(LeaseRequest(serviceId: "ktp-el", day: "2026-03-03", count: 1))
        let ahead = OfflineTicket(
            ticket: request(at: mondayEvening + 9 * Self.hour, offset: -9 * Self.hour), sequence: tuesdayLease.first,
            number: "DA-00\(tuesdayLease.first)", day: "2026-03-03")
        let answer = try early.sync(SyncBatch(tickets: [ahead]))
        #expect(answer.results.map(\.outcome) == [.accepted], "\(answer.results.map { $0.reason ?? "ok" })")
        #expect(answer.results.first?.ticket?.day == "2026-03-03")
        behind.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func priorityComesOnlyFromKiosksAllowedToGiveItAndIsMarkedForStaff(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let allowed = try server.client()
        let other = try server.client(token: try server.addKiosk("kiosk-2"))
        #expect(kind { _ = try other.issue(request(priority: true)) } == "forbidden")
        let claimed = try allowed.issue(request(priority: true))
        #expect(claimed.priority && claimed.priorityToCheck)
        #expect(!(try allowed.issue(request(at: monday + 1))).priorityToCheck)
        // Synced from a kiosk that may not give priority: kept, with its number, without the priority.
        let lease = try other.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 1))
        let claimedPriority = OfflineTicket(
            ticket: request(at: monday + 2, priority: true), sequence: lease.first, number: "DA-00\(lease.first)", day: TestServer.mondayDay)
        let synced = try other.sync(SyncBatch(tickets: [claimedPriority, claimedPriority]))
        #expect(synced.results.map(\.outcome) == [.accepted, .alreadyKnown] && synced.results.first?.ticket?.priority == false)
        // A booking's priority is the booking's: nothing for staff to check.
        try TestServer.run(["add-booking"] + server.storeArguments + ["--code", "BK-5555", "--service", "ktp-el", "--day", TestServer.mondayDay, "--priority"])
        let booked = try other.checkIn(CheckInRequest(ticketId: TestServer.newID(), bookingCode: "BK-5555", issuedAt: monday))
        #expect(booked.priority && !booked.priorityToCheck)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func anUpperCaseTicketIdIsTheSameTicketEverywhere(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        let id = TestServer.newID()
        let upper = try kiosk.issue(request(id.uppercased()))
        #expect(upper.ticketId == id)
        let lower = try kiosk.issue(request(id))
        #expect(lower.number == upper.number)
        #expect(try kiosk.issue(request(at: monday + 1)).number == "DA-002")
        #expect(try kiosk.ticket(id.uppercased()).number == "DA-001")
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        #expect(try staff.callNext(call)?.ticketId == id)
        #expect(try staff.counter(.start, ticketID: id.uppercased()).state == .serving)
        server.expectContractKept()
    }
}
