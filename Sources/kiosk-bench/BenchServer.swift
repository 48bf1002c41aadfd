import Foundation
import KioskTestSupport

/// The queue server a `--server` benchmark run links the kiosk to: a real `queue-server` process
/// (`$QUEUE_SERVER`, else the debug build) holding the fixture catalogue, behind a fault proxy.
///
/// `online`: every ticket numbered by the server; `reset`: the connection is reset at once, so
/// tickets are numbered offline without waiting; `blackhole`: the server never answers, so every
/// ticket waits for the deadline (1500 ms, the default) before it is numbered offline.
final class BenchServer {
    let mode: String
    let server: QueueServerProcess
    let proxy: FaultProxy
    private let catalogue: String

    static let modes = ["online", "reset", "blackhole"]

    init(mode: String) throws {
        self.mode = mode
        catalogue = NSTemporaryDirectory() + "kiosk-bench-catalogue-\(getpid()).json"
        try KioskFixture.catalogueJSON().write(toFile: catalogue, atomically: true, encoding: .utf8)
        server = try QueueServerProcess(catalogue: catalogue)
        proxy = try FaultProxy(upstreamPort: server.port)
    }

    /// The `server` object for kiosk `run`'s configuration (each run is a new kiosk with its own token).
    func configJSON(run: Int) throws -> String {
        KioskFixture.serverJSON(
            port: proxy.port, tokenFile: try server.addKiosk("BENCH-K\(run)"), deadlineMilliseconds: 1500, leaseSize: 200)
    }

    /// Once the kiosk holds its leases, applies the mode's fault.
    func prepare(_ kiosk: KioskProcess) {
        proxy.fault = .none
        guard mode != "online" else { return }
        guard kiosk.waitForLines(containing: "lease(s) taken").count == 1 else { fatalError("no leases: \(kiosk.lines.suffix(5))") }
        proxy.fault = mode == "reset" ? .reset : .blackHole
    }

    func stop() {
        proxy.stop()
        server.stop()
        unlink(catalogue)
    }
}
