import Foundation
import KioskLink
import KioskProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Operations: health, metrics, systemd notify and watchdog")
struct OperationsTests {
    @Test(arguments: StoreKind.allCases) func healthAndMetricsCountTicketsSyncLagKiosksAndLatency(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let health = try server.transport().send(HTTPRequest(method: "GET", path: "/healthz"))
        #expect(health.status == 200 && String(decoding: health.body, as: UTF8.self) == #"{"status":"ok"}"#)
        for index in 0..<3 {
            _ = try kiosk.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning + Int64(index)))
        }
        let lease = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 1))
        let offline = OfflineTicket(
            ticket: IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning),
            sequence: lease.first, number: "DA-00\(lease.first)", day: TestServer.mondayDay)
        #expect(try kiosk.sync(SyncBatch(tickets: [offline])).results.first?.outcome == .accepted)
        _ = try kiosk.heartbeat(Heartbeat(
            softwareVersion: "t", printer: .ok, scanner: .ok, touchscreen: .ok, outboxDepth: 0, leasedNumbersLeft: 0, clockOffsetMs: 0))
        let reply = try server.transport().send(HTTPRequest(method: "GET", path: "/metrics"))
        let text = String(decoding: reply.body, as: UTF8.self)
        #expect(reply.status == 200 && reply.headers["content-type"]?.hasPrefix("text/plain") == true)
        #expect(text.contains("queue_tickets_issued_total{site=\"default\",origin=\"online\"} 3\n"))
        #expect(text.contains("queue_tickets_issued_total{site=\"default\",origin=\"offline\"} 1\n"))
        #expect(text.contains("queue_sync_lag_seconds_count{site=\"default\"} 1\n"))
        #expect(text.contains("queue_kiosks_offline{site=\"default\"} 0\n"))
        #expect(text.contains("queue_request_duration_seconds_count{route=\"/v1/tickets\"} 3\n"))
        // Ids are folded into the route, so a scraper never sees one label per ticket.
        _ = try server.transport().send(HTTPRequest(method: "GET", path: "/t/" + TestServer.newID()))
        let again = String(decoding: try server.transport().send(HTTPRequest(method: "GET", path: "/metrics")).body, as: UTF8.self)
        #expect(again.contains("route=\"/t/{id}\"") && !again.contains(offline.ticket.ticketId))
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func readinessAndWatchdogPingsReachSystemd(store: StoreKind) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString).sock").path
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        #expect(socket >= 0)
        defer {
            close(socket)
            unlink(path)
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let server = try TestServer(store: store, environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "200000"])
        var seen: [String] = []
        while !(seen.contains("READY=1") && seen.filter({ $0 == "WATCHDOG=1" }).count >= 2) {
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            seen.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
        #expect(seen.contains("READY=1"))
        #expect(seen.filter { $0 == "WATCHDOG=1" }.count >= 2, "\(seen)")
        server.stop()
    }
}
