import Foundation
import Glibc
import Synchronization

/// The reference `queue-server` (built by `swift build --package-path queue-server`) as a child
/// process on a free loopback port, with its own SQLite file and sample catalogue, open all hours.
public final class QueueServerProcess: Sendable {
    /// The directory holding the server's database and the kiosks' token files.
    public let directory: String
    /// The server's SQLite file (read it to see what the server holds).
    public let database: String
    /// The port it listens on (a new one after each ``start()``).
    public var port: Int { running.withLock { $0.port } }
    /// The server process and its port; tests start and stop it from any thread.
    private let running = Mutex<(process: Process?, port: Int)>((nil, 0))
    /// Seconds the server's wall clock runs ahead of the real one (``FakeClock``), nil for the real clock.
    private let clockOffsetSeconds: Int?

    /// The repository root, found from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized.path
    /// The server executable: `queue-server/.build/debug/queue-server` (`$QUEUE_SERVER` overrides).
    public static var binary: String {
        ProcessInfo.processInfo.environment["QUEUE_SERVER"] ?? repositoryRoot + "/queue-server/.build/debug/queue-server"
    }
    /// The sample MPP Badung catalogue.
    public static let catalogue = repositoryRoot + "/kiosk-config/catalogue-badung-sample.json"

    /// Creates the database with `catalogue` (a kiosk-config catalogue file; the sample one by
    /// default) and starts serving, with its clock `clockOffsetSeconds` ahead of the real one when given.
    public init(catalogue: String = QueueServerProcess.catalogue, clockOffsetSeconds: Int? = nil) throws {
        self.clockOffsetSeconds = clockOffsetSeconds
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw ProcessFailure("\(Self.binary) is missing: run `swift build --package-path queue-server` first (make test does)")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-sync-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = directory + "/queue.db"
        try Self.run(["add-token", "--db", database, "--role", "staff", "--id", "staff-1", "--catalogue", catalogue])
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Provisions kiosk `id` (one that may issue priority tickets with `mayClaimPriority`) and writes its token to a
    /// mode-0600 file; returns the file's path.
    public func addKiosk(_ id: String, mayClaimPriority: Bool = false) throws -> String {
        let token = try Self.run(["add-token", "--db", database, "--role", "kiosk", "--id", id] + (mayClaimPriority ? ["--may-claim-priority"] : []))
        let path = directory + "/\(id).token"
        _ = FileManager.default.createFile(atPath: path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return path
    }

    /// Provisions staff member `id`; returns the token (a counter calls with it).
    public func addStaff(_ id: String) throws -> String {
        try Self.run(["add-token", "--db", database, "--role", "staff", "--id", id])
    }

    /// Starts the server and waits for its "listening on" line.
    public func start() throws {
        let process = Process()
        var command = (executable: Self.binary, arguments: ["serve", "--db", database, "--port", "0", "--always-open"])
        if let clockOffsetSeconds { command = try FakeClock.command(command.executable, command.arguments, offsetSeconds: clockOffsetSeconds) }
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        running.withLock { $0 = (process, 0) }
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
            if let line = seen.split(separator: "\n").first(where: { $0.hasPrefix("queue-server listening on ") }),
                let port = Int(line.split(separator: ":").last ?? "")
            {
                running.withLock { $0.port = port }
                pipe.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
                return
            }
        }
        throw ProcessFailure("queue-server did not start: \(seen)")
    }

    /// `kill -9` and wait: the database is left as a crash leaves it; ``start()`` serves it again (on a new port).
    public func kill() {
        guard let process = running.withLock({ $0.process }), process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM and wait.
    public func stop() {
        guard let process = running.withLock({ $0.process }), process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

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
        guard process.terminationStatus == 0 else { throw ProcessFailure("queue-server \(arguments[0]) failed: \(text)") }
        return text
    }
}

/// A helper process did not do what a test needed.
public struct ProcessFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
