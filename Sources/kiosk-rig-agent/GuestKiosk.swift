import Foundation
import Synchronization

/// A real kioskd run inside the guest, its standard error (the log) collected line by line.
final class GuestKiosk: Sendable {
    /// kioskd's log so far, and whether it ended (kioskd exited).
    private struct Log {
        var lines: [String] = []
        var ended = false
    }

    let directory: String
    /// kioskd's process id.
    let pid: Int32
    /// Just before `posix_spawn` (so the exec, the dynamic linker and the Swift runtime's start count).
    let spawnedAt: Date
    private let log = Mutex(Log())
    /// Broadcast, under its lock, after each change to `log`: a waiter checks and waits under the same lock, so no change is missed.
    private let changed = NSCondition()

    /// Writes a configuration into `directory` (a headless screen unless `display` says otherwise,
    /// touchscreen found in /dev/input, the catalogue at `catalogue`, and `printer` as the config's
    /// printer object) and starts kioskd.
    /// - Parameters:
    ///   - scanner: the config's `scanner` object as JSON, or nil for none.
    ///   - display: the config's `display` object as JSON, or nil for a headless screen of `screen`.
    ///   - standardInput: a file for kioskd's standard input (a VT it is to own, `/dev/tty1`), or nil.
    init(
        directory: String, catalogue: String, screen: (width: Int, height: Int), printer: String, scanner: String? = nil,
        display: String? = nil, standardInput: String? = nil
    ) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config = """
            {
              "kioskId": "RIG-K01",
              "mallName": {"id": "Mal Pelayanan Publik Uji", "en": "Test Public Service Mall"},
              "catalogue": "\(catalogue)",
              "stateDirectory": "state",
              "display": \(display ?? #"{"kind": "headless", "width": \#(screen.width), "height": \#(screen.height), "snapshot": "screen.png"}"#),
              "input": {"kind": "evdev", "path": "/dev/input"},
              "printer": \(printer)\(scanner.map { ",\n  \"scanner\": " + $0 } ?? "")
            }
            """
        try config.write(toFile: directory + "/kiosk.json", atomically: true, encoding: .utf8)
        var pipe: [Int32] = [-1, -1]
        guard Glibc.pipe(&pipe) == 0 else { throw AgentError("pipe: errno \(errno)") }
        _ = fcntl(pipe[0], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        if let standardInput { posix_spawn_file_actions_addopen(&actions, 0, standardInput, O_RDWR | O_NOCTTY, 0) }
        let arguments = ["/usr/bin/kioskd", "--config", directory + "/kiosk.json"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        spawnedAt = Date()
        let result = posix_spawn(&child, arguments[0], &actions, nil, &argv, environ)
        close(pipe[1])
        guard result == 0 else {
            close(pipe[0])
            throw AgentError("posix_spawn kioskd: \(result)")
        }
        pid = child
        let readEnd = pipe[0]
        Thread.detachNewThread { [self] in collect(from: readEnd) }
    }

    /// Log lines so far.
    var lineCount: Int { log.withLock { $0.lines.count } }

    /// The first log line from index `after` on that contains `text`, waiting up to `seconds`.
    /// - Throws: `AgentError` with the log's last lines if none comes (or kioskd exits).
    func waitForLine(containing text: String, after: Int = 0, seconds: Double) throws -> (index: Int, line: String) {
        let deadline = Date().addingTimeInterval(seconds)
        changed.lock()
        defer { changed.unlock() }
        while true {
            let (lines, ended) = log.withLock { ($0.lines, $0.ended) }
            if after < lines.count, let index = lines[after...].firstIndex(where: { $0.contains(text) }) {
                return (index, lines[index])
            }
            guard !ended, changed.wait(until: deadline) || Date() < deadline else {
                let tail = lines.suffix(8).joined(separator: " | ")
                throw AgentError("no log line with \"\(text)\" within \(seconds) s\(ended ? " (kioskd exited)" : ""); log: \(tail)")
            }
        }
    }

    /// Stops kioskd (`SIGCONT` in case it is stopped, then `SIGTERM`; `SIGKILL` after 10 s) and reaps it.
    func stop() {
        kill(pid, SIGCONT)
        kill(pid, SIGTERM)
        var status: Int32 = 0
        let exited = try? waitUntil("kioskd exits", seconds: 10) { waitpid(pid, &status, WNOHANG) == pid ? true : nil }
        if exited == nil {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
    }

    /// Echoes the whole log to the console, prefixed, for a failing scenario.
    func dumpLog(prefix: String) {
        for line in log.withLock({ $0.lines }) { say("\(prefix)| \(line)") }
    }

    private func collect(from descriptor: Int32) {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            var complete: [String] = []
            if count > 0 { pending += buffer[0..<count] }
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                complete.append(String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
            }
            if count <= 0, !pending.isEmpty { complete.append(String(decoding: pending, as: UTF8.self)) }
            log.withLock { [complete] in
                $0.lines += complete
                $0.ended = count <= 0
            }
            changed.withLock { changed.broadcast() }
            guard count > 0 else {
                close(descriptor)
                return
            }
        }
    }
}
