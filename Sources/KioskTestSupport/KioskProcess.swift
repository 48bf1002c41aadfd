import Foundation
import Synchronization

/// A real `kioskd` (or other product executable) started as a child process for a test.
///
/// Its standard error is collected line by line, so a test can wait for what the daemon logs.
public final class KioskProcess: Sendable {
    private let process: Process
    private let output = LineCollector()

    /// The directory holding the package's built executables (next to the running test bundle).
    public static var binaryDirectory: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return (executable as NSString).deletingLastPathComponent
    }

    /// Starts `executable` (a name in ``binaryDirectory``, or a path) with `arguments`.
    public init(_ executable: String = "kioskd", arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(
            fileURLWithPath: executable.contains("/") ? executable : Self.binaryDirectory + "/" + executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "WATCHDOG_USEC")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                output.finish()
            } else {
                output.append(data)
            }
        }
        try process.run()
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Every complete line written so far.
    public var lines: [String] { output.lines }

    /// Waits until at least `count` lines contain `text`; returns those lines (fewer on timeout).
    @discardableResult
    public func waitForLines(containing text: String, count: Int = 1, timeout: Double = 20) -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var matching: [String] = []
        var scanned = 0  // Only new lines are searched: a long log polled every 2 ms must not eat a starved machine's CPU.
        while true {
            let all = lines
            matching += all[scanned...].filter { $0.contains(text) }
            scanned = all.count
            if matching.count >= count || Date() > deadline || !process.isRunning && matching.count < count {
                return matching
            }
            usleep(2_000)
        }
    }

    /// Sends `signal` and waits for the process to end; returns its exit status (or signal number).
    @discardableResult
    public func stop(signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        output.waitUntilFinished()
        return process.terminationStatus
    }

    /// Waits for the process to end by itself; returns its exit status.
    public func waitForExit() -> Int32 {
        process.waitUntilExit()
        output.waitUntilFinished()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Splits a byte stream into lines, safely from the pipe's reader thread.
private final class LineCollector: Sendable {
    private struct Buffer {
        var lines: [String] = []
        var partial = ""
        var finished = false
    }
    private let buffer = Mutex(Buffer())

    func append(_ data: Data) {
        buffer.withLock { buffer in
            buffer.partial += String(decoding: data, as: UTF8.self)
            var pieces = buffer.partial.components(separatedBy: "\n")
            buffer.partial = pieces.removeLast()
            buffer.lines += pieces
        }
    }

    var lines: [String] { buffer.withLock { $0.lines } }

    /// The pipe reached end of file: everything the process wrote is in ``lines``.
    func finish() {
        buffer.withLock { buffer in
            if !buffer.partial.isEmpty { buffer.lines.append(buffer.partial) }
            buffer.partial = ""
            buffer.finished = true
        }
    }

    /// Waits (up to 5 s) until the process's output has all been read.
    func waitUntilFinished() {
        for _ in 0..<2500 where !buffer.withLock({ $0.finished }) { usleep(2_000) }
    }
}
