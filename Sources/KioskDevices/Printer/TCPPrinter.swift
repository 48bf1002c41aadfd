import KioskCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Sends jobs over raw TCP, as Ethernet receipt printers accept them on port 9100, and asks for
/// real-time status (`DLE EOT n`) on the same connection.
///
/// A printer that once left a status request unanswered is remembered as silent: it is not asked
/// again (each question would cost the status timeout), and its condition is `unknown` while it
/// accepts connections.
public struct TCPPrinter: PrinterTransport {
    public let host: String
    public let port: Int
    /// The longest wait for the connection and for each step of progress while writing.
    public let timeoutSeconds: Double
    /// The longest wait for each status answer; a printer that stays silent has unknown status.
    public let statusTimeoutSeconds: Double
    private let silent = SharedFlag()

    public init(host: String, port: Int, timeoutSeconds: Double = 5, statusTimeoutSeconds: Double = 1.5) {
        self.host = host
        self.port = port
        self.timeoutSeconds = timeoutSeconds
        self.statusTimeoutSeconds = statusTimeoutSeconds
    }

    /// `host:port`, as errors name the printer.
    public var name: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Connects with a timeout (non-blocking `connect` + `poll`), writes every byte with poll
    /// timeouts, then asks for status on the same connection: the printer answers `DLE EOT` once it
    /// has read the job, so a connection dropped mid-job, or paper that ran out or a cover opened
    /// during it, fails the job. A printer that does not answer at all is trusted. Then
    /// `shutdown(SHUT_WR)` and `close`.
    public func send(_ bytes: [UInt8]) throws {
        let fd = try connect()
        defer { POSIXCall.closeIgnoringErrors(fd) }
        try write(bytes, to: fd)
        let after = silent.value.withLock { $0 } ? nil : try status(on: fd)
        if let after, !after.condition.canPrint {
            throw failure("the printer reports \(after.condition.rawValue) after the job")
        }
        do throws(POSIXCallError) {
            try POSIXCall.require("shutdown") { shutdown(fd, Int32(SHUT_WR)) }
        } catch {
            throw failure(error.description)
        }
    }

    /// `DLE EOT 1…4` on a fresh connection: `.offline` when the printer cannot be reached, `.unknown`
    /// when it does not answer.
    public func condition() -> PrinterCondition {
        guard let fd = try? connect() else { return .offline }
        defer { POSIXCall.closeIgnoringErrors(fd) }
        if silent.value.withLock({ $0 }) { return .unknown }
        do {
            return try status(on: fd)?.condition ?? .unknown
        } catch {
            return .offline
        }
    }

    /// Asks each of `PrinterStatusQuery.fullCheck` in turn; nil when the printer stays silent.
    /// Throws when the connection closes or fails.
    private func status(on fd: Int32) throws(PrinterError) -> PrinterStatus? {
        var status = PrinterStatus()
        for request in PrinterStatusQuery.fullCheck {
            try write(PrinterStatusQuery.bytes(for: request), to: fd)
            var answer: UInt8 = 0
            var count: Int?
            do throws(POSIXCallError) {
                guard try POSIXCall.wait(fd: fd, events: Int16(POLLIN), timeoutSeconds: statusTimeoutSeconds) else {
                    silent.value.withLock { $0 = true }
                    return nil
                }
                count = try POSIXCall.run("read") { read(fd, &answer, 1) }
            } catch {
                throw failure("\(error.description) while asking for status")
            }
            if count == 0 { throw failure("the printer closed the connection before confirming the job") }
            PrinterStatusQuery.apply(answer, to: request, &status)
        }
        return status
    }

    private func failure(_ reason: String) -> PrinterError { PrinterError(printer: name, reason: reason) }

    private var timeoutText: String {
        timeoutSeconds == timeoutSeconds.rounded() ? "\(Int(timeoutSeconds)) s" : "\(timeoutSeconds) s"
    }

    /// A connected, non-blocking socket to the first of the host's addresses that answers.
    private func connect() throws(PrinterError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw failure("cannot resolve host: " + String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        var lastFailure = failure("no address to connect to")
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let address = next?.pointee {
            next = address.ai_next
            do throws(POSIXCallError) {
                if let fd = try connect(to: address) { return fd }
                lastFailure = failure("connect timed out after \(timeoutText)")
            } catch {
                lastFailure = failure(error.call == "connect" ? error.reason : error.description)
            }
        }
        throw lastFailure
    }

    /// A connected socket, or nil when `address` did not answer within the timeout.
    private func connect(to address: addrinfo) throws(POSIXCallError) -> Int32? {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = try POSIXCall.require("socket") { socket(address.ai_family, type, address.ai_protocol) }
        do throws(POSIXCallError) {
            if try POSIXCall.run("connect", { connectSocket(fd, address.ai_addr, address.ai_addrlen) }) == nil {
                guard try POSIXCall.wait(fd: fd, events: Int16(POLLOUT), timeoutSeconds: timeoutSeconds) else {
                    POSIXCall.closeIgnoringErrors(fd)
                    return nil
                }
                var code: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                try POSIXCall.require("getsockopt") { getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) }
                if code != 0 { throw POSIXCallError(call: "connect", errno: code) }
            }
            return fd
        } catch {
            POSIXCall.closeIgnoringErrors(fd)
            throw error
        }
    }

    private func write(_ bytes: [UInt8], to fd: Int32) throws(PrinterError) {
        var sent = 0
        do throws(POSIXCallError) {
            while sent < bytes.count {
                let count = try POSIXCall.run("write") {
                    bytes.withUnsafeBytes {
                        sendWithoutSignal(fd, $0.baseAddress! + sent, $0.count - sent)
                    }
                }
                if let count {
                    sent += count
                } else if try !POSIXCall.wait(fd: fd, events: Int16(POLLOUT), timeoutSeconds: timeoutSeconds) {
                    throw POSIXCallError(call: "write", errno: ETIMEDOUT)
                }
            }
        } catch where error.errno == ETIMEDOUT {
            throw failure("write timed out after \(timeoutText), \(sent) of \(bytes.count) bytes sent")
        } catch {
            throw failure("\(error.description), \(sent) of \(bytes.count) bytes sent")
        }
    }
}

// The C calls under names that `TCPPrinter`'s own `send` and `connect` do not shadow.

private func connectSocket(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>!, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}

/// `send(2)` with `MSG_NOSIGNAL`: a closed peer gives `EPIPE`, not a `SIGPIPE` that ends the process.
private func sendWithoutSignal(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    send(fd, bytes, count, Int32(MSG_NOSIGNAL))
}

/// A flag shared by every copy of a `TCPPrinter`.
private final class SharedFlag: Sendable {
    let value = Mutex(false)
}
