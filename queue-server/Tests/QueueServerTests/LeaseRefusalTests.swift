import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import Synchronization
import Testing

/// kiosk-sim's lease storm (issue 17: 129,045 lease requests for 90 citizens): a kiosk's ``LeaseKeeper`` asked again,
/// every round, for a service whose lease the server refused. Now it asks once, then again only after
/// ``LeaseRefusals``' wait, on a new day or with a new catalogue.
@Suite("A refused lease is not asked every round")
struct LeaseRefusalTests {
    /// Counts the lease requests that pass through it.
    final class Counting: HTTPTransport {
        let inner: any HTTPTransport
        let leases = Mutex(0)
        init(_ inner: any HTTPTransport) { self.inner = inner }
        func send(_ request: HTTPRequest) throws(QueueClientError) -> HTTPReply {
            if request.path == "/v1/leases" { leases.withLock { $0 += 1 } }
            return try inner.send(request)
        }
    }

    @Test func aRefusedLeaseIsAskedOnceUntilMinutesPassOrTheCatalogueChanges() throws {
        let server = try TestServer()
        // akta-perceraian's daily quota of 20, issued online: its lease is refused (quota-exhausted).
        let kiosk = try server.client()
        for index in 0..<20 {
            _ = try kiosk.issue(
                IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "akta-perceraian", issuedAt: TestServer.mondayMorning + Int64(index)))
        }
        let counting = Counting(try server.transport())
        let now = Mutex<Int64>(0)
        let clocks = LinkClocks(wall: { TestServer.mondayMorning }, monotonic: { now.withLock { $0 } })
        let store = try SyncStore(path: server.directory + "/lease-refusal-sync.sqlite")
        let keeper = LeaseKeeper(
            client: QueueClient(transport: counting, token: server.kioskToken, clocks: clocks), store: store, size: 5, lowWater: 1,
            clocks: clocks)
        let service = ServiceID("akta-perceraian")
        for round in 0..<100 {
            now.withLock { $0 = Int64(round) * 1000 }
            #expect(try keeper.renew([service], day: TestServer.mondayDay) == 0)
        }
        #expect(counting.leases.withLock { $0 } == 1, "100 rounds of a second asked \(counting.leases.withLock { $0 }) times")
        now.withLock { $0 = LeaseRefusals.defaultRetryMilliseconds }
        try keeper.renew([service], day: TestServer.mondayDay)
        #expect(counting.leases.withLock { $0 } == 2, "asked again five minutes after the refusal")
        keeper.catalogueChanged()
        try keeper.renew([service], day: TestServer.mondayDay)
        #expect(counting.leases.withLock { $0 } == 3, "asked again with a new catalogue")
        // Another service is leased as before.
        #expect(try keeper.renew([ServiceID("ktp-el")], day: TestServer.mondayDay) == 1)
        #expect(try keeper.renew([ServiceID("ktp-el"), service], day: TestServer.mondayDay) == 0, "5 left is above the low water")
        #expect(try store.leasedNumbersLeftByService(day: TestServer.mondayDay) == [ServiceID("ktp-el"): 5])
        server.expectContractKept()
    }
}
