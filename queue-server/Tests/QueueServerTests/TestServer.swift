import Foundation
import KioskLink
import KioskProtocol
import Synchronization
import Testing

/// A real `queue-server` process on a free loopback port with its own store (an SQLite file, or a
/// fresh database of the test process's ``PostgresCluster``), a kiosk and a staff token, and clients whose every answer is checked against docs/queue-api.yaml.
final class TestServer: @unchecked Sendable {
    let directory: String
    /// The SQLite file's path, or the PostgreSQL database's URL.
    let database: String
    let store: StoreKind
    /// `--db PATH` or `--store postgres://…`.
    let storeArguments: [String]
    /// The port the running server listens on (a restart picks a new one).
    var port: Int { currentPort.withLock { $0 } }
    private let currentPort = Mutex(0)
    let kioskToken: String
    let staffToken: String
    private var process: Process?
    private let arguments: [String]
    private let environment: [String: String]
    private let violations = Mutex<[String]>([])
    private let checked = Mutex(0)

    static let binary = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "")
        .deletingLastPathComponent().appendingPathComponent("queue-server").path
    static let catalogue = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../kiosk-config/catalogue-badung-sample.json").standardized.path

    /// Monday 2 March 2026, 10:00 WITA: a day the sample catalogue's services are open.
    static let mondayMorning: Int64 = 1_772_416_800_000
    static let mondayDay = "2026-03-02"

    /// A server whose clock starts at `clockStart` (Monday 10:00 WITA unless said) and runs at real speed;
    /// its kiosk `kiosk-1` (site `default`) may issue priority tickets. `prepare` gets the database's
    /// path (or URL) before anything opens it (a test puts an earlier version's database there). A
    /// server `sharing` another serves that one's database (a second process, with tokens of its own);
    /// a PostgreSQL one's database is in `cluster` (default: the test process's shared cluster).
    init(
        store: StoreKind = .sqlite, cluster: PostgresCluster? = nil, sharing: TestServer? = nil, extraArguments: [String] = [], clockStart: Int64 = TestServer.mondayMorning, environment: [String: String] = [:],
        prepare: (String) throws -> Void = { _ in }
    ) throws {
        self.environment = environment
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("queue-server-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.store = store
        switch store {
        case _ where sharing != nil:
            database = sharing?.database ?? ""
            storeArguments = sharing?.storeArguments ?? []
        case .sqlite:
            database = directory + "/queue.db"
            storeArguments = ["--db", database]
        case .postgres:
            database = try (cluster ?? PostgresCluster.shared.get()).newDatabase()
            storeArguments = ["--store", database, "--survey-key", directory + "/survey-key"]
        }
        try prepare(database)
        kioskToken = try Self.run(["add-token"] + storeArguments + [
            "--role", "kiosk", "--id", "kiosk-1", "--catalogue", Self.catalogue, "--may-claim-priority",
        ])
        staffToken = try Self.run(["add-token"] + storeArguments + ["--role", "staff", "--id", "staff-1"])
        arguments = ["serve"] + storeArguments + ["--port", "0", "--clock-start", String(clockStart)] + extraArguments
        try start()
    }

    /// A new kiosk token for `id` of `site` (provisioned while the server runs; the store reads credentials live).
    func addKiosk(_ id: String, mayClaimPriority: Bool = false, site: String? = nil, catalogue: String = TestServer.catalogue) throws -> String {
        try addToken(role: "kiosk", id: id, site: site, catalogue: catalogue, extra: mayClaimPriority ? ["--may-claim-priority"] : [])
    }

    /// A new token of `role` for `id`; a `site` other than `default` is created with `catalogue` (the sample's) when new.
    func addToken(role: String, id: String, site: String? = nil, catalogue: String = TestServer.catalogue, extra: [String] = []) throws -> String {
        let siteArguments = site.map { ["--site", $0, "--catalogue", catalogue] } ?? []
        return try Self.run(["add-token"] + storeArguments + ["--role", role, "--id", id] + siteArguments + extra)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs a provisioning command to completion and returns its output, trimmed.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else { throw CheckerError("queue-server \(arguments.first ?? "") failed: \(text)") }
        return text
    }

    /// Starts the server and waits for its "listening on" line.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        // QUEUE_SERVER_TEST_STDERR=PATH appends every test server's log there (to see why a run failed).
        process.standardError = ProcessInfo.processInfo.environment["QUEUE_SERVER_TEST_STDERR"].flatMap { path in
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            return FileHandle(forWritingAtPath: path).map { $0.seekToEndOfFile(); return $0 }
        } ?? FileHandle.nullDevice
        try process.run()
        self.process = process
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
            if let line = seen.split(separator: "\n").first(where: { $0.hasPrefix("queue-server listening on ") }),
                let port = Int(line.split(separator: ":").last ?? "")
            {
                currentPort.withLock { $0 = port }
                // Keep draining stdout so the server never blocks on a full pipe.
                pipe.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
                return
            }
        }
        throw CheckerError("queue-server did not start: \(seen)")
    }

    /// SIGTERM and wait.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// SIGKILL: no chance to flush anything.
    func kill9() {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A client with `token` (the kiosk's by default), its answers checked against the API document.
    func client(token: String? = nil, timeoutMilliseconds: Int = 10_000) throws -> QueueClient {
        let curl = try CurlTransport(baseURL: "http://127.0.0.1:\(port)", timeoutMilliseconds: timeoutMilliseconds)
        return QueueClient(transport: ContractTransport(inner: curl, server: self), token: token ?? kioskToken)
    }

    /// A raw transport (checked too), for requests the typed client never makes.
    func transport() throws -> any HTTPTransport {
        ContractTransport(inner: try CurlTransport(baseURL: "http://127.0.0.1:\(port)"), server: self)
    }

    fileprivate func record(_ request: HTTPRequest, _ reply: HTTPReply) {
        let found = ContractChecker.shared.violations(request, reply)
        checked.withLock { $0 += 1 }
        if !found.isEmpty { violations.withLock { $0 += found } }
    }

    /// Every answer seen so far matched the document (and there were some).
    func expectContractKept(sourceLocation: SourceLocation = #_sourceLocation) {
        let list = violations.withLock { $0 }
        #expect(list.isEmpty, "contract violations:\n\(list.prefix(20).joined(separator: "\n"))", sourceLocation: sourceLocation)
        #expect(checked.withLock { $0 } > 0, sourceLocation: sourceLocation)
    }

    static func newID() -> String { UUID().uuidString.lowercased() }
}

/// Passes requests through and hands every answer to the contract checker.
private struct ContractTransport: HTTPTransport {
    let inner: any HTTPTransport
    let server: TestServer

    func send(_ request: HTTPRequest) throws(QueueClientError) -> HTTPReply {
        let reply = try inner.send(request)
        server.record(request, reply)
        return reply
    }
}
