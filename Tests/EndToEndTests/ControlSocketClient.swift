import Foundation

/// A raw connection to kioskd's control socket, for tests that send what kioskctl never would: too
/// much, garbage, or nothing at all.
final class ControlSocketClient {
    private let fd: Int32

    /// Connects to the Unix socket at `path`; throws when nothing listens there.
    init(path: String) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let name = Array(path.utf8)
        guard name.count < MemoryLayout.size(ofValue: address.sun_path) else { throw POSIXError(.ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, connected == 0 else {
            let error = errno
            if fd >= 0 { close(fd) }
            throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO)
        }
    }

    deinit { close(fd) }

    /// Sends `bytes` (as many as the socket takes within a second); returns how many went.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Int {
        var sent = 0
        let deadline = Date().addingTimeInterval(1)
        while sent < bytes.count, Date() < deadline {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if count > 0 { sent += count } else if errno != EAGAIN && errno != EINTR { break } else { usleep(1000) }
        }
        return sent
    }

    /// The next line kioskd sends (without its newline), or nil when it hangs up first or `timeout` passes.
    func readLine(timeout: Double = 20) -> String? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(timeout)
        while !bytes.contains(UInt8(ascii: "\n")), Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { return nil }
            bytes += chunk.prefix(count)
        }
        guard let end = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// True once kioskd closed its end (a read returns end of file), waiting at most `timeout`.
    func waitForHangUp(timeout: Double = 20) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = read(fd, &chunk, chunk.count)
            if count == 0 || count < 0 && errno != EINTR && errno != EAGAIN { return true }
        }
        return false
    }
}
