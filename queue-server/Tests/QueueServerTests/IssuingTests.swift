import KioskLink
import KioskProtocol
import Synchronization
import Testing

@Suite("Issuing, idempotency, leases, sync, check-in, print outcome")
struct IssuingTests {
    let monday = TestServer.mondayMorning

    func request(_ id: String = TestServer.newID(), service: String = "ktp-el", at: Int64? = nil, priority: Bool = false) -> IssueTicketRequest {
        IssueTicketRequest(ticketId: id, serviceId: service, issuedAt: at ?? monday, clockOffsetMs: 0, language: "id", priority: priority)
    }

    @Test(arguments: StoreKind.allCases) func issuesNumbersInSequenceAndReplaysTheOriginal(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let first = try kiosk.issue(request())
        let second = try kiosk.issue(request(at: monday + 1000))
        #expect(first.number == "DA-001" && second.number == "DA-002")
        #expect(first.day == TestServer.mondayDay && second.peopleAhead == 1)
        #expect(first.estimatedWaitMinutes == nil)  // no service history yet: unknown, not zero

        let replay = try kiosk.issue(request(first.ticketId))
        #expect(replay == first)
        let changed = #expect(throws: QueueClientError.self) { try kiosk.issue(request(first.ticketId, at: monday + 5)) }
        #expect(changed.map(Self.kind) == "idempotency-mismatch")
        #expect(try kiosk.ticket(first.ticketId).number == "DA-001")
        server.expectContractKept()
    }

    /// The answer's people ahead are those of the moment the ticket was stored: tickets stored later
    /// (in the same group commit or after it) are never counted, even when they sort ahead of it.
    @Test(arguments: StoreKind.allCases) func peopleAheadInTheAnswerCountOnlyTicketsStoredBeforeIt(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let answers = Mutex<[QueueTicket]>([])
        let failures = Mutex<[String]>([])
        // One moment for all: the queue order is the ticket id's, unrelated to the order of numbering.
        LoadAndCrashTests.onThreads(8) { _ in
            do {
                let kiosk = try server.client()
                for _ in 0..<40 {
                    let ticket = try kiosk.issue(request(service: "meterai", at: monday))
                    answers.withLock { $0.append(ticket) }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(3) })")
        let counted = answers.withLock { $0 }.filter { ($0.peopleAhead ?? 0) > ($0.sequence ?? 0) - 1 }
        #expect(counted.isEmpty, "\(counted.count) of 320 answers count tickets numbered after them, e.g. \(counted.first.map { "\($0.number): \($0.peopleAhead ?? 0) ahead" } ?? "")")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func refusesClosedHoursQuotaAndBadInput(store: StoreKind) throws {
        let sunday = monday - 86_400_000
        let closedDay = try TestServer(store: store, clockStart: sunday)
        #expect(Self.kind(try #require(throws: QueueClientError.self) { try closedDay.client().issue(request(at: sunday)) }) == "closed")
        closedDay.expectContractKept()
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        #expect(Self.kind(try #require(throws: QueueClientError.self) { try kiosk.issue(request("not-a-uuid")) }) == "invalid-request")
        #expect(Self.kind(try #require(throws: QueueClientError.self) { try kiosk.issue(request(service: "nope")) }) == "unknown-service")
        for index in 0..<20 { _ = try kiosk.issue(request(service: "akta-perceraian", at: monday + Int64(index))) }
        #expect(Self.kind(try #require(throws: QueueClientError.self) { try kiosk.issue(request(service: "akta-perceraian")) }) == "quota-exhausted")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func leasedNumbersAreTheKiosksAloneAndSyncAnswersPerTicket(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let lease = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 10))
        #expect(lease.first == 1 && lease.last == 10)
        // An online ticket after the lease takes the number after the block.
        #expect(try kiosk.issue(request(at: monday + 60_000)).number == "DA-011")

        let offline = OfflineTicket(ticket: request(at: monday), sequence: 1, number: "DA-001")
        let unleased = OfflineTicket(ticket: request(at: monday), sequence: 11, number: "DA-011")
        let otherDay = OfflineTicket(ticket: request(at: monday - 86_400_000 + 3_600_000 * 6), sequence: 2, number: "DA-002")
        let mark = try #require(lease.fallbackMark)
        let fallback = OfflineTicket(ticket: request(at: monday + 2), sequence: nil, number: "DA-\(mark)-0001")
        let closed = OfflineTicket(ticket: request(at: monday - 3_600_000 * 3), sequence: nil, number: "DA-\(mark)-0002")
        let reply = try kiosk.sync(SyncBatch(tickets: [offline, unleased, otherDay, fallback, offline, closed]))
        #expect(reply.results.map(\.outcome) == [.accepted, .rejected, .rejected, .accepted, .alreadyKnown, .rejected])
        #expect(reply.results[1].reason == "not-leased" && reply.results[2].reason == "not-leased" && reply.results[5].reason == "closed")
        // The offline ticket was issued earlier, so it is ahead of the later online ticket.
        #expect(reply.results[0].ticket?.peopleAhead == 0)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func bookingCheckInGivesOneTicketWithTheBookingsPriority(store: StoreKind) throws {
        let server = try TestServer(store: store)
        try TestServer.run(["add-booking"] + server.storeArguments + ["--code", "BK-1234", "--service", "kartu-keluarga", "--day", TestServer.mondayDay, "--priority"])
        try TestServer.run(["add-booking"] + server.storeArguments + ["--code", "BK-9999", "--service", "kartu-keluarga", "--day", "2026-03-03"])
        let kiosk = try server.client()
        let id = TestServer.newID()
        let checkIn = CheckInRequest(ticketId: id, bookingCode: "BK-1234", issuedAt: monday)
        let ticket = try kiosk.checkIn(checkIn)
        #expect(ticket.priority && ticket.serviceId == "kartu-keluarga")
        #expect(try kiosk.checkIn(checkIn) == ticket)
        func refusal(_ code: String) throws -> String {
            Self.kind(try #require(throws: QueueClientError.self) {
                try kiosk.checkIn(CheckInRequest(ticketId: TestServer.newID(), bookingCode: code, issuedAt: monday))
            })
        }
        #expect(try refusal("BK-1234") == "booking-used")
        #expect(try refusal("BK-0000") == "booking-unknown")
        #expect(try refusal("BK-9999") == "booking-wrong-day")
        #expect(try refusal("bk 1234; DROP") == "invalid-booking-code")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func anUnprintedTicketIsVoidedAndNeverCalled(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        let lost = try kiosk.issue(request())
        let kept = try kiosk.issue(request(at: monday + 1))
        #expect(try kiosk.reportPrint(ticketID: lost.ticketId, PrintReport(printed: false, reason: "paperOut")).state == .voided)
        #expect(try kiosk.ticket(kept.ticketId).peopleAhead == 0)
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        #expect(try staff.callNext(call)?.ticketId == kept.ticketId)
        #expect(try staff.callNext(call) == nil)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func anUncertainTicketIsKeptForStaffToConfirm(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let unsure = try kiosk.issue(request())
        let report = PrintReport(printed: false, outcome: .uncertain, reason: "no confirmation within 2.7 s")
        #expect(try kiosk.reportPrint(ticketID: unsure.ticketId, report).state == .waiting, "the citizen may hold it")
        let failed = PrintReport(printed: false, outcome: .failed, reason: "paper-out")
        #expect(try kiosk.reportPrint(ticketID: unsure.ticketId, failed).state == .voided)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func heartbeatsShowWhichKioskNeedsATechnician(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let beat = Heartbeat(
            softwareVersion: "1.0", printer: .paperOut, scanner: .ok, touchscreen: .ok, outboxDepth: 0, leasedNumbersLeft: 10,
            clockOffsetMs: 12)
        #expect(try kiosk.heartbeat(beat).serverTime > 0)
        let reports = try server.client(token: server.staffToken).kiosks()
        #expect(reports.kiosks.map(\.kioskId) == ["kiosk-1"] && reports.kiosks[0].needsTechnician)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func aKioskWhoseScreenShowsNothingNeedsATechnician(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        var beat = Heartbeat(
            softwareVersion: "1.0", printer: .ok, scanner: .ok, touchscreen: .ok, outboxDepth: 0, leasedNumbersLeft: 10,
            clockOffsetMs: 0, display: .ok)
        _ = try kiosk.heartbeat(beat)
        #expect(try staff.kiosks().kiosks.first?.needsTechnician == false, "every device is ok")
        for state in [DeviceState.absent, .error] {
            beat.display = state
            _ = try kiosk.heartbeat(beat)
            let report = try #require(try staff.kiosks().kiosks.first)
            #expect(report.needsTechnician && report.heartbeat.display == state, "display \(state)")
        }
        beat.display = nil
        _ = try kiosk.heartbeat(beat)
        #expect(try staff.kiosks().kiosks.first?.needsTechnician == false, "an older kiosk that does not report its display")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func catalogueCarriesAnETagAndAnswers304WhenUnchanged(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let fetched = try #require(try kiosk.catalogue(ifNoneMatch: nil))
        #expect(fetched.bytes.count > 1000 && fetched.etag.hasPrefix("\""))
        #expect(try kiosk.catalogue(ifNoneMatch: fetched.etag) == nil)
        server.expectContractKept()
    }

    static func kind(_ error: QueueClientError) -> String {
        if case .problem(let problem) = error { return problem.kind }
        return "\(error)"
    }
}
