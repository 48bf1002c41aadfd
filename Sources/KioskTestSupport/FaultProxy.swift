import Foundation
import KioskDevices
import Synchronization
import KioskSystem

/// A network fault the proxy applies from now on, to new and open connections alike.
public enum NetworkFault: Sendable, Hashable, CustomStringConvertible {
    /// Pass everything through.
    case none
    /// Hold every chunk, either way, this many milliseconds.
    case latency(milliseconds: Int)
    /// Swallow requests; never answer (the peer sees only its own timeout).
    case blackHole
    /// Reset the connection (RST) as soon as a request arrives.
    case reset
    /// Forward the request, then pass at most this many bytes of the answer and close.
    case cutAfter(bytes: Int)
    /// Answer every request with `500 Internal Server Error` without forwarding it.
    case serverError
    /// Forward the request; garble the answer's body (same length, so the headers stay valid).
    case malformedJSON
    /// Forward the request; pass the answer one byte every `milliseconds`.
    case slowDrip(milliseconds: Int)
    /// Forward the request, drop its answer and close (an answer lost on its way back), then pass
    /// everything again: the fault turns itself to `none`.
    case loseOneAnswer

    public var description: String {
        switch self {
        case .none: "none"
        case .latency(let ms): "latency \(ms) ms"
        case .blackHole: "black hole"
        case .reset: "connection reset"
        case .cutAfter(let bytes): "cut after \(bytes) bytes"
        case .serverError: "HTTP 500"
        case .malformedJSON: "malformed JSON"
        case .slowDrip(let ms): "slow drip (1 byte / \(ms) ms)"
        case .loseOneAnswer: "one answer lost"
        }
    }
}

/// A TCP proxy on a loopback port that injects ``NetworkFault``s between a kiosk and its queue
/// server. Each connection is relayed by its own thread; `fault` may change at any moment.
public final class FaultProxy: Sendable {
    /// The port the proxy listens on.
    public let port: Int
    private let upstream: Mutex<Int>
    private let listener: Int32
    private let current = Mutex(NetworkFault.none)
    private let stopped = Mutex(false)
    private let connections = Mutex(0)

    /// Listens on 127.0.0.1 (a free port) and relays to 127.0.0.1:`upstreamPort`.
    public init(upstreamPort: Int) throws {
        upstream = Mutex(upstreamPort)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.listener = listener
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else { throw SystemCallError(call: "bind/listen", errno: errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop(listener) }
    }

    deinit { stop() }

    /// The fault applied from now on.
    public var fault: NetworkFault {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    /// The server's port new connections are relayed to (a restarted server listens on a new one).
    public var upstreamPort: Int {
        get { upstream.withLock { $0 } }
        set { upstream.withLock { $0 = newValue } }
    }

    /// Connections accepted so far.
    public var connectionCount: Int { connections.withLock { $0 } }

    /// Stops accepting; open relays end when their peers close.
    public func stop() {
        let first = stopped.withLock { was in
            defer { was = true }
            return !was
        }
        if first { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop(_ listener: Int32) {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                close(listener)
                return
            }
            connections.withLock { $0 += 1 }
            Thread.detachNewThread { [self] in relay(client) }
        }
    }

    private func relay(_ client: Int32) {
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = Self.loopback(port: self.upstreamPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var noDelay: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(upstream, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        defer {
            close(client)
            close(upstream)
        }
        guard connected == 0 else { return }
        var answered = 0  // answer bytes passed on this connection
        var inBody = false  // malformedJSON: past the end of the answer's headers
        var headerTail: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !stopped.withLock({ $0 }) {
            var fds = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: upstream, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 2, 100) >= 0 || errno == EINTR else { return }
            if fds[0].revents != 0 {
                let count = read(client, &buffer, buffer.count)
                if count <= 0 { return }
                switch fault {
                case .blackHole: continue
                case .reset:
                    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                    setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                    return
                case .serverError:
                    let body = #"{"type":"/problems/internal","title":"Injected","status":500}"#
                    let reply = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/problem+json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
                    if !writeAll(client, Array(reply.utf8)) { return }
                    continue
                case .latency(let ms): usleep(UInt32(ms) * 1000)
                default: break
                }
                inBody = false
                headerTail = []
                if !writeAll(upstream, Array(buffer[0..<count])) { return }
            }
            if fds[1].revents != 0 {
                let count = read(upstream, &buffer, buffer.count)
                if count <= 0 { return }
                var chunk = Array(buffer[0..<count])
                switch fault {
                case .blackHole: continue
                case .reset: return
                case .loseOneAnswer:
                    current.withLock { $0 = .none }
                    return
                case .latency(let ms):
                    usleep(UInt32(ms) * 1000)
                case .cutAfter(let limit):
                    let allowed = max(0, limit - answered)
                    if chunk.count > allowed {
                        _ = writeAll(client, Array(chunk.prefix(allowed)))
                        return
                    }
                case .malformedJSON:
                    for index in chunk.indices {
                        if inBody {
                            chunk[index] = UInt8(ascii: "#")
                        } else {
                            headerTail = Array((headerTail + [chunk[index]]).suffix(4))
                            inBody = headerTail == Array("\r\n\r\n".utf8)
                        }
                    }
                case .slowDrip(let ms):
                    for byte in chunk {
                        if !writeAll(client, [byte]) { return }
                        usleep(UInt32(ms) * 1000)
                    }
                    answered += chunk.count
                    continue
                case .none, .serverError: break
                }
                answered += chunk.count
                if !writeAll(client, chunk) { return }
            }
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
