import KioskCore
import KioskSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Sends jobs over raw TCP, as Ethernet receipt printers accept them on port 9100, and proves
/// each one printed with an in-order request after it.
///
/// A job is: a real-time check (`DLE EOT 1…4`) on the job's connection, which a printer answers on
/// arrival; the job; then `GS r 1`, which the printer answers only once it has processed every
/// byte before it. While waiting for that answer it asks real-time status again every quarter
/// second, so a printer that stops (paper out, cover open) ends the wait early. Where the profile
/// says the printer supports them, a `GS ( H` process ID follows `GS r 1` (the job counts as
/// confirmed only when that ID comes back) and Automatic Status Back (`GS a`) is turned on with the
/// status check, so a paper end or an open cover is heard the moment it happens. Nothing is
/// remembered between jobs: a printer that did not answer is asked again next time.
public struct TCPPrinter: PrinterTransport {
    public let host: String
    public let port: Int
    /// The longest wait for the connection.
    public let timeoutSeconds: Double
    /// The longest wait for the real-time answers before a job or in a status check.
    public let statusTimeoutSeconds: Double
    /// Whether each job ends with a `GS ( H` process ID the printer must send back.
    public let asksProcessID: Bool
    /// Whether Automatic Status Back (`GS a`) is turned on at each connection.
    public let usesAutomaticStatus: Bool

    public init(
        host: String, port: Int, timeoutSeconds: Double = 1, statusTimeoutSeconds: Double = 0.5,
        asksProcessID: Bool = false, usesAutomaticStatus: Bool = false
    ) {
        self.host = host
        self.port = port
        self.timeoutSeconds = timeoutSeconds
        self.statusTimeoutSeconds = statusTimeoutSeconds
        self.asksProcessID = asksProcessID
        self.usesAutomaticStatus = usesAutomaticStatus
    }

    /// `host:port`, as errors name the printer.
    public var name: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Connects, checks, writes the job and `GS r 1`, and waits for the confirmation; see the type.
    public func print(_ bytes: [UInt8], within seconds: Double) -> PrintAttempt {
        let deadline = PrintDeadline(seconds: seconds)
        let fd: Int32
        do {
            fd = try connect(timeout: min(timeoutSeconds, deadline.remaining))
        } catch {
            return PrintAttempt(.failed(reason: error.reason + "; the ticket was not sent"), .offline)
        }
        defer { POSIXCall.closeIgnoringErrors(fd) }
        var confirmation = PrinterConfirmation(processID: asksProcessID ? PrinterConfirmation.newProcessID() : nil)
        do {
            let before = try status(on: fd, &confirmation, timeout: min(statusTimeoutSeconds, deadline.remaining))
            guard let before else {
                return PrintAttempt(
                    .failed(reason: "the printer did not answer the status check; the ticket was not sent"), .notAnswering)
            }
            guard before.canPrint else {
                return PrintAttempt(.failed(reason: "the printer reports \(before.rawValue); the ticket was not sent"), before)
            }
        } catch {
            return PrintAttempt(.failed(reason: error.reason + "; the ticket was not sent"), .offline)
        }
        var sent = 0
        do {
            try discardPending(on: fd, &confirmation)
            try write(bytes + confirmation.requestBytes, to: fd, deadline: deadline, sent: &sent)
        } catch {
            let reason = error.reason
            return PrintAttempt(sent == 0 ? .failed(reason: reason) : .uncertain(reason: reason), .notAnswering)
        }
        confirmation.jobWritten()
        let written = PrintDeadline.now()
        var attempt = confirm(on: fd, &confirmation, deadline: deadline, seconds: seconds)
        attempt.lastByteWritten = written
        return attempt
    }

    /// Waits for the in-order answer, asking real-time status every 0.25 s meanwhile.
    private func confirm(
        on fd: Int32, _ confirmation: inout PrinterConfirmation, deadline: PrintDeadline, seconds: Double
    ) -> PrintAttempt {
        var nextAsk = PrintDeadline.now() + 0.25
        while true {
            let timedOut = deadline.remaining <= 0
            if let ended = confirmation.outcome(timedOut: timedOut, deadlineText: PrintDeadline.text(seconds)) {
                if ended.0 == .printed { _ = shutdown(fd, Int32(SHUT_WR)) }
                if case .uncertain(let reason) = ended.0, PrinterBufferClear.isWanted(after: ended.1) {
                    return PrintAttempt(.uncertain(reason: reason + PrinterBufferClear.note(answered: clearRest(on: fd))), ended.1)
                }
                return PrintAttempt(ended.0, ended.1)
            }
            if !confirmation.isWaitingForStatus, PrintDeadline.now() >= nextAsk {
                var ignored = 0
                try? write(confirmation.askStatus(), to: fd, deadline: deadline, sent: &ignored)
                nextAsk = PrintDeadline.now() + 0.25
            }
            // Until the next question is due, or (while one is unanswered) until the deadline.
            let untilAsk = confirmation.isWaitingForStatus ? deadline.remaining : nextAsk - PrintDeadline.now()
            let slice = min(deadline.remaining, max(0.001, untilAsk))
            do throws(SystemCallError) {
                guard try POSIXCall.wait(fd: fd, events: Int16(POLLIN), timeoutSeconds: slice) else { continue }
                var buffer = [UInt8](repeating: 0, count: 64)
                let count = try POSIXCall.run("read") { read(fd, &buffer, buffer.count) } ?? -1
                if count == 0 {
                    return PrintAttempt(
                        .uncertain(reason: "the printer closed the connection before confirming the ticket"), .offline)
                }
                if count > 0 { confirmation.consume(Array(buffer[0..<count])) }
            } catch {
                return PrintAttempt(
                    .uncertain(reason: "\(error.description) while waiting for the confirmation"), .offline)
            }
        }
    }

    /// Reads what the printer sent and nobody asked for yet (a stray byte after the status check),
    /// so it cannot be taken for the job's answer.
    private func discardPending(on fd: Int32, _ confirmation: inout PrinterConfirmation) throws(PrinterError) {
        while true {
            var buffer = [UInt8](repeating: 0, count: 64)
            let count: Int?
            do throws(SystemCallError) {
                guard try POSIXCall.wait(fd: fd, events: Int16(POLLIN), timeoutSeconds: 0) else { return }
                count = try POSIXCall.run("read") { read(fd, &buffer, buffer.count) }
            } catch {
                throw failure("\(error.description) before the ticket was sent")
            }
            guard let count else { return }
            if count == 0 { throw failure("the printer closed the connection before the ticket was sent") }
            confirmation.consume(Array(buffer[0..<count]))
        }
    }

    /// Sends `DLE DC4 8` and waits (a few tenths of a second) for the clear response; true when it came.
    private func clearRest(on fd: Int32) -> Bool {
        let deadline = PrintDeadline(seconds: 0.3)
        var sent = 0
        guard (try? write(PrinterBufferClear.request, to: fd, deadline: deadline, sent: &sent)) != nil else { return false }
        var heard: [UInt8] = []
        while !PrinterBufferClear.isAnswered(by: heard) {
            guard (try? POSIXCall.wait(fd: fd, events: Int16(POLLIN), timeoutSeconds: deadline.remaining)) == true else { return false }
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = try? POSIXCall.run("read") { read(fd, &buffer, buffer.count) }
            guard let count, count > 0 else { return false }
            heard += buffer[0..<count]
        }
        return true
    }

    /// `DLE EOT 1…4` on a fresh connection: `.offline` when the printer cannot be reached,
    /// `.notAnswering` when it does not answer within the status timeout.
    public func condition() -> PrinterCondition {
        guard let fd = try? connect(timeout: timeoutSeconds) else { return .offline }
        defer { POSIXCall.closeIgnoringErrors(fd) }
        var confirmation = PrinterConfirmation()
        do {
            return try status(on: fd, &confirmation, timeout: statusTimeoutSeconds) ?? .notAnswering
        } catch {
            return .offline
        }
    }

    /// Asks `DLE EOT 1…4` at once (and turns Automatic Status Back on, where used) and waits up to `timeout` for the four answers; nil when they
    /// do not all come. Throws when the connection closes or fails.
    private func status(
        on fd: Int32, _ confirmation: inout PrinterConfirmation, timeout: Double
    ) throws(PrinterError) -> PrinterCondition? {
        let deadline = PrintDeadline(seconds: timeout)
        var sent = 0
        let automatic = usesAutomaticStatus ? PrinterReplyParser.enableAutomaticStatus : []
        try write(confirmation.askStatus() + automatic, to: fd, deadline: deadline, sent: &sent)
        while confirmation.isWaitingForStatus {
            var buffer = [UInt8](repeating: 0, count: 16)
            var count: Int?
            do throws(SystemCallError) {
                guard try POSIXCall.wait(fd: fd, events: Int16(POLLIN), timeoutSeconds: deadline.remaining) else {
                    return nil
                }
                count = try POSIXCall.run("read") { read(fd, &buffer, buffer.count) }
            } catch {
                throw failure("\(error.description) while asking for status")
            }
            if count == 0 { throw failure("the printer closed the connection while asked for status") }
            if let count { confirmation.consume(Array(buffer[0..<count])) }
        }
        return confirmation.lastStatus?.condition
    }

    private func failure(_ reason: String) -> PrinterError { PrinterError(printer: name, reason: reason) }

    /// A connected, non-blocking socket to the host's address, within `timeout`. The host must be
    /// an IP address: a name is never looked up (`AI_NUMERICHOST`), since no deadline bounds a DNS
    /// lookup and a stalled one would hold the citizen (``IPAddressLiteral``).
    func connect(timeout: Double) throws(PrinterError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            if status == EAI_NONAME {
                throw failure("\"\(host)\" is not an IP address (kioskd does not look printers up in DNS)")
            }
            throw failure("cannot use the address: " + String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        var lastFailure = failure("no address to connect to")
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let address = next?.pointee {
            next = address.ai_next
            do throws(SystemCallError) {
                if let fd = try connect(to: address, timeout: timeout) { return fd }
                lastFailure = failure("connect timed out after \(PrintDeadline.text(timeout))")
            } catch {
                lastFailure = failure(error.call == "connect" ? error.reason : error.description)
            }
        }
        throw lastFailure
    }

    /// A connected socket, or nil when `address` did not answer within the timeout.
    private func connect(to address: addrinfo, timeout: Double) throws(SystemCallError) -> Int32? {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = try POSIXCall.require("socket") { socket(address.ai_family, type, address.ai_protocol) }
        do throws(SystemCallError) {
            if try POSIXCall.run("connect", { connectSocket(fd, address.ai_addr, address.ai_addrlen) }) == nil {
                guard try POSIXCall.wait(fd: fd, events: Int16(POLLOUT), timeoutSeconds: timeout) else {
                    POSIXCall.closeIgnoringErrors(fd)
                    return nil
                }
                var code: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                try POSIXCall.require("getsockopt") { getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) }
                if code != 0 { throw SystemCallError(call: "connect", errno: code) }
            }
            return fd
        } catch {
            POSIXCall.closeIgnoringErrors(fd)
            throw error
        }
    }

    /// Writes every byte before `deadline`; `sent` counts what left.
    private func write(
        _ bytes: [UInt8], to fd: Int32, deadline: PrintDeadline, sent: inout Int
    ) throws(PrinterError) {
        sent = 0
        do throws(SystemCallError) {
            while sent < bytes.count {
                let offset = sent
                let count = try POSIXCall.run("write") {
                    bytes.withUnsafeBytes {
                        sendWithoutSignal(fd, $0.baseAddress! + offset, $0.count - offset)
                    }
                }
                if let count {
                    sent += count
                } else if try !POSIXCall.wait(fd: fd, events: Int16(POLLOUT), timeoutSeconds: deadline.remaining) {
                    throw SystemCallError(call: "write", errno: ETIMEDOUT)
                }
            }
        } catch where error.errno == ETIMEDOUT {
            throw failure("the printer stopped taking bytes: \(sent) of \(bytes.count) sent before the deadline")
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
