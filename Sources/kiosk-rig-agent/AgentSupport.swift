import Foundation

/// A step of a scenario that could not be done or did not turn out as it should.
struct AgentError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Asks `probe` every 10 ms until it answers, for up to `seconds`: a wait on a condition the
/// kernel or kioskd makes true, never a sleep that assumes it.
/// - Throws: `AgentError` naming `what` when the time is up.
func waitUntil<T>(_ what: String, seconds: Double, _ probe: () -> T?) throws -> T {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if let value = probe() { return value }
        guard Date() < deadline else { throw AgentError("timed out after \(seconds) s waiting until \(what)") }
        usleep(10_000)
    }
}

/// Prints the result of one check on the console, where the host's test reads it:
/// `RIG-RESULT <scenario>.<check> PASS|FAIL ms=<elapsed> <detail>`.
/// - Returns: true when the check passed.
@discardableResult
func report(_ check: String, _ started: Date, _ body: () throws -> String) -> Bool {
    do {
        let detail = try body()
        say("RIG-RESULT \(check) PASS ms=\(milliseconds(since: started)) \(detail)")
        return true
    } catch {
        say("RIG-RESULT \(check) FAIL ms=\(milliseconds(since: started)) \(error)")
        return false
    }
}

/// Writes `line` to the console at once (standard output, unbuffered).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Whole milliseconds since `start`.
func milliseconds(since start: Date) -> Int { Int(Date().timeIntervalSince(start) * 1000) }

/// Echoes the kernel's log (`/dev/kmsg`, what `dmesg` shows) to the console, prefixed, for a failing scenario.
/// Only lines containing one of `containing` are shown.
func dumpKernelLog(prefix: String, containing: [String]) {
    let fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 8192)
    while true {
        let count = read(fd, &buffer, buffer.count)
        if count < 0 && errno == EPIPE { continue }  // a record overwritten while reading
        guard count > 0 else { return }
        let record = String(decoding: buffer[0..<count], as: UTF8.self)
        let message = record.split(separator: ";", maxSplits: 1).last.map(String.init) ?? record
        guard containing.contains(where: { message.contains($0) }) else { continue }
        say("\(prefix)| " + message.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
