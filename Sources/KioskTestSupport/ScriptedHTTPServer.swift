import Foundation
import Synchronization

/// A loopback HTTP/1.1 server that answers each request from a script, for the few answers a real queue
/// server never gives (a catalogue this kiosk cannot read). It records every request it saw.
public final class ScriptedHTTPServer: Sendable {
    /// One request as received: method, path and headers (names lowercased).
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
    }

    /// An answer: status, extra headers, body.
    public typealias Answer = (status: Int, headers: [String: String], body: String)

    /// The port it listens on (127.0.0.1).
    public let port: Int
    private let listener: Int32
    private let seen = Mutex<[Request]>([])
    private let stopped = Mutex(false)

    /// Starts listening; `answer` is called on the server's thread for each request.
    public init(answer: @escaping @Sendable (Request) -> Answer) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 16) == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve(answer) }
        thread.start()
    }

    /// Every request received so far.
    public var requests: [Request] { seen.withLock { $0 } }

    /// Stops accepting connections.
    public func stop() {
        stopped.withLock { $0 = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ answer: @Sendable (Request) -> Answer) {
        while !stopped.withLock({ $0 }) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            if let request = Self.readRequest(connection) {
                seen.withLock { $0.append(request) }
                let (status, headers, body) = answer(request)
                var head = "HTTP/1.1 \(status) Scripted\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                let bytes = Array((head + "\r\n" + body).utf8)
                _ = bytes.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            }
            close(connection)
        }
    }

    /// Reads the request head and any body (by Content-Length).
    private static func readRequest(_ fd: Int32) -> Request? {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !data.contains(subsequence: [13, 10, 13, 10]) {
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { return nil }
            data += chunk[0..<count]
        }
        let text = String(decoding: data, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyStart = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n").utf8.count
        var remaining = (Int(headers["content-length"] ?? "0") ?? 0) - bodyStart
        while remaining > 0 {
            let count = read(fd, &chunk, min(chunk.count, remaining))
            guard count > 0 else { break }
            remaining -= count
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers)
    }
}

extension Array where Element == UInt8 {
    fileprivate func contains(subsequence: [UInt8]) -> Bool {
        guard count >= subsequence.count else { return false }
        return (0...(count - subsequence.count)).contains { Array(self[$0..<$0 + subsequence.count]) == subsequence }
    }
}
