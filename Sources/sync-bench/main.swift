// sync-bench: offline issue (durable write), online issue through a local queue server, sync of
// 10,000 outboxed tickets; and resident memory of libcurl versus URLSession. Run by scripts/sync-bench.sh.
//
//   sync-bench [RUNS]            figures (median and p99 per run)
//   sync-bench memory curl|urlsession URL    resident memory after 200 requests with that client
import Foundation
import FoundationNetworking
import KioskCore
import KioskLink
import KioskProtocol
import KioskTestSupport
import BenchSupport

func monotonicMs() -> Double { Double(Bench.nanoseconds()) / 1e6 }

func report(_ name: String, _ samples: [Double]) {
    print("\(name): n=\(samples.count) median \(Bench.fixed(Bench.quantile(samples, 0.5), 2)) ms, p99 \(Bench.fixed(Bench.quantile(samples, 0.99), 2)) ms")
}

func newID() -> TicketID {
    var generator = SystemRandomNumberGenerator()
    return TicketID(randomBytes: (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
}

let arguments = CommandLine.arguments
if arguments.count >= 4, arguments[1] == "memory" {
    let url = arguments[3]
    let before = Bench.residentKiB()
    if arguments[2] == "curl" {
        let transport = try CurlTransport(baseURL: url)
        for _ in 0..<200 { _ = try transport.send(HTTPRequest(method: "GET", path: "/v1/catalogue")) }
    } else {
        let session = URLSession(configuration: .default)
        for _ in 0..<200 {
            let done = DispatchSemaphore(value: 0)
            session.dataTask(with: URL(string: url + "/v1/catalogue")!) { _, _, _ in done.signal() }.resume()
            done.wait()
        }
    }
    print("\(arguments[2]): resident \(before / 1024) MiB before, \(Bench.residentKiB() / 1024) MiB after 200 requests")
    exit(0)
}

let runs = Int(arguments.dropFirst().first ?? "") ?? 3
let catalogue = try ConfigParser.catalogue(
    text: try String(contentsOfFile: QueueServerProcess.catalogue, encoding: .utf8), path: QueueServerProcess.catalogue)
let service = catalogue.service(ServiceID("meterai"))!
let day = LocalTime(Timestamp(millisecondsSinceEpoch: WallClock.milliseconds()), zone: .wita).dayKey
print("sync-bench: release build, a fresh queue-server per run (\(QueueServerProcess.binary)), \(runs) runs")

for run in 1...runs {
    let server = try QueueServerProcess()  // a fresh server: a day's queue, not the sum of every run
    let link = try SyncLink(
        config: ServerConfig(url: "http://127.0.0.1:\(server.port)", tokenFile: try server.addKiosk("B\(run)"), leaseSize: 500, syncBatchSize: 200),
        kioskID: "MPP-BENCH-B\(run)", storePath: server.directory + "/bench-\(run).sqlite")
    // Online: the whole issue path through the local server.
    var online: [Double] = []
    for _ in 0..<500 {
        let started = monotonicMs()
        _ = try link.issue(ticketID: newID(), service: service, day: day, issuedAt: WallClock.milliseconds(), language: .indonesian)
        online.append(monotonicMs() - started)
    }
    report("run \(run) online issue", online)
    // Offline: numbering from a lease (then the fallback series) and the fsync'd outbox commit.
    for _ in 0..<20 { try link.leases.renew([service.id], day: day) }
    var offline: [Double] = []
    for _ in 0..<10_000 {
        let request = IssueTicketRequest(ticketId: newID().description, serviceId: service.id.rawValue, issuedAt: WallClock.milliseconds())
        let started = monotonicMs()
        _ = try link.store.issueOffline(request, service: service, day: day)
        offline.append(monotonicMs() - started)
    }
    report("run \(run) offline issue incl. durable write", offline)
    let started = monotonicMs()
    let pass = try link.sender.drain(now: WallClock.milliseconds)
    print(String(format: "run %d sync of %d outboxed tickets: %.2f s (%d rejected, %d left)", run, pass.sent,
        (monotonicMs() - started) / 1000, pass.rejected, try link.store.outboxDepth()))
}
