import Foundation
import KioskCore

/// Asks a running kioskd through its control socket (`control.sock` beside a ``KioskFixture``'s
/// configuration) what kioskctl would: a test learns which screen the kiosk shows before a citizen taps.
public struct ControlProbe: Sendable {
    public let socketPath: String

    public init(socketPath: String) { self.socketPath = socketPath }

    /// The probe of the kiosk `fixture` configures (its `controlSocket` is `control.sock`).
    public init(_ fixture: KioskFixture) {
        socketPath = (fixture.configPath as NSString).deletingLastPathComponent + "/control.sock"
    }

    /// kioskd's status answer, or nil when nobody answers within `timeout` seconds (kioskd down, starting, or busy).
    public func status(timeout: Double = 2) -> ControlAnswer? {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard Self.connect(fd, to: socketPath) else { return nil }
        let request = Array("{\"command\":\"status\"}\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while answer.last != UInt8(ascii: "\n") {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let count = read(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { return nil }
            answer += chunk[..<count]
        }
        return ControlAnswer.parse(String(decoding: answer.dropLast(), as: UTF8.self))
    }

    /// Connects `fd` to the Unix socket at `path`; false when nobody listens there.
    private static func connect(_ fd: Int32, to path: String) -> Bool {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
    }

    /// The screen kioskd shows (`home`, `ticket`, `checking`, `out-of-service`, …), nil when it does not answer.
    public func screen(timeout: Double = 2) -> String? { status(timeout: timeout)?["screen"]?.stringValue }
}
