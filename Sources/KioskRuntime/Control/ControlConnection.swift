import CLinux
import KioskCore
import KioskDevices
import KioskSystem

/// kioskctl's end of the control socket: connect, send one request line, read one answer line.
enum ControlConnection {
    /// How asking kioskd went.
    enum Outcome {
        case answered(ControlAnswer)
        /// Nothing listens at the socket: kioskd is not running (or runs with its socket off).
        case notRunning(String)
    }

    /// The longest answer kioskctl reads (a day's ledger is well under this).
    static let maximumAnswerBytes = 16 << 20

    /// Asks the kioskd listening at `path`; waits at most `timeoutMilliseconds` for the whole answer.
    /// Throws a failure with exit 77 when the socket refuses this user, 69 when kioskd does not answer.
    static func ask(_ request: ControlRequest, socket path: String, timeoutMilliseconds: Int = 10_000) throws -> Outcome {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemCallError(call: "socket", subject: path, errno: errno) }
        defer { close(fd) }
        if clinux_connect_unix(fd, path) != 0 {
            let error = errno
            switch error {
            case ENOENT, ECONNREFUSED, ENOTDIR:
                return .notRunning("no kioskd answers at \(path) (\(String(cString: strerror(error))))")
            case EACCES, EPERM:
                throw KioskctlCommand.Failure(
                    description: "\(path): \(String(cString: strerror(error))): run kioskctl as root or as a member of group kioskd",
                    status: 77)
            default:
                throw KioskctlCommand.Failure(description: "cannot reach kioskd at \(path): \(String(cString: strerror(error)))", status: 69)
            }
        }
        let deadline = Clock.monotonicNanoseconds() &+ UInt64(timeoutMilliseconds) &* 1_000_000
        send(Array((request.line + "\n").utf8), fd: fd)  // A refusal may come before the request is even sent.
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while answer.last != UInt8(ascii: "\n") {
            let now = Clock.monotonicNanoseconds()
            guard answer.count <= maximumAnswerBytes else {
                throw KioskctlCommand.Failure(
                    description: "kioskd at \(path) answered more than \(maximumAnswerBytes >> 20) MiB without ending its line (another version?)",
                    status: 69)
            }
            guard now < deadline else {
                throw KioskctlCommand.Failure(description: "kioskd at \(path) did not answer within \(timeoutMilliseconds / 1000) s", status: 69)
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&poller, 1, Int32(min(1000, (deadline - now) / 1_000_000 + 1)))
            guard poller.revents != 0 else { continue }
            let count = read(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { break }
            answer += chunk.prefix(count)
        }
        guard let text = String(validating: answer.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self),
            let parsed = ControlAnswer.parse(text)
        else {
            throw KioskctlCommand.Failure(
                description: answer.isEmpty ? "kioskd at \(path) closed the connection without an answer"
                    : "kioskd at \(path) answered something kioskctl cannot read (another version?)", status: 69)
        }
        return .answered(parsed.escapedForTerminal())
    }

    /// Sends `bytes`; stops early when kioskd hung up (its answer, if any, is still there to read).
    private static func send(_ bytes: [UInt8], fd: Int32) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            sent += count
        }
    }
}
