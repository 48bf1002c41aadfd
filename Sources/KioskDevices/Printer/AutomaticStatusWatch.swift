import Dispatch
import KioskCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Holds a connection to a TCP printer between jobs and listens on it for Automatic Status Back
/// (`GS a`), so a paper end or an open cover while nobody prints is heard the moment it happens
/// (Epson ESC/POS reference, "GS a"), not at the next poll or the next citizen's touch.
///
/// Each connection starts with a real-time check (`DLE EOT 1…4`) and `GS a`; every complete
/// answer and every ASB block is handed to `report`. Nothing else is reported: a refused or silent
/// connection is only tried again a second later (the print worker's polls say offline or not
/// answering). An Ethernet printer serves one connection at a time, so the print worker
/// ``pause()``s the watch (its connection closed) before each job or poll and ``resume()``s it after.
public final class AutomaticStatusWatch: Sendable {
    private struct Flags {
        var started = false
        var paused = false
        var stopped = false
    }

    private let printer: TCPPrinter
    private let report: @Sendable (PrinterCondition) -> Void
    private let flags = Mutex(Flags())
    /// Wakes the watch's thread; the loop signals `closed` once per pause, with its connection closed.
    private let wake: (read: Int32, write: Int32)
    private let closed = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Will watch `printer` (its host, port and timeouts) once started, and hand what it says to
    /// `report`, from the watch's thread.
    public init(printer: TCPPrinter, report: @escaping @Sendable (PrinterCondition) -> Void) throws {
        self.printer = printer
        self.report = report
        var ends: [Int32] = [0, 0]
        try POSIXCall.require("pipe") { pipe(&ends) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        wake = (ends[0], ends[1])
    }

    /// Starts the watch's thread (once): it connects unless paused.
    public func start() {
        guard flags.withLock({ flags in
            defer { flags.started = true }
            return !flags.started && !flags.stopped
        }) else { return }
        DispatchQueue(label: "kioskd.printer-status").async { [self] in
            run()
            finished.signal()
        }
    }

    deinit {
        POSIXCall.closeIgnoringErrors(wake.read)
        POSIXCall.closeIgnoringErrors(wake.write)
    }

    /// Closes the watch's connection and returns once it is closed, so a job can have the printer.
    public func pause() {
        guard flags.withLock({ flags in
            defer { flags.paused = true }
            return flags.started && !flags.paused && !flags.stopped
        }) else { return }
        poke()
        closed.wait()
    }

    /// Lets the watch connect again (after a job or a poll).
    public func resume() {
        flags.withLock { $0.paused = false }
        poke()
    }

    /// Closes the connection and ends the watch's thread; returns once it ended.
    public func stop() {
        guard flags.withLock({ flags in
            defer { flags.stopped = true }
            return flags.started && !flags.stopped
        }) else { return }
        poke()
        finished.wait()
    }

    private func poke() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    // MARK: - The watch's thread

    /// One connection's state: the check asked at its start and the replies so far.
    private struct Listening {
        let fd: Int32
        var outstanding = PrinterStatusQuery.fullCheck
        var round = PrinterStatus()
        var parser = PrinterReplyParser()
        /// Monotonic seconds by which the check must be answered.
        let answerBy: Double
    }

    private func run() {
        var listening: Listening?
        var retryAt = 0.0
        var acknowledged = false
        while true {
            let (paused, stopped) = flags.withLock { ($0.paused, $0.stopped) }
            if stopped || paused, let open = listening {
                POSIXCall.closeIgnoringErrors(open.fd)
                listening = nil
            }
            if stopped {
                if paused && !acknowledged { closed.signal() }
                return
            }
            if paused {
                if !acknowledged { closed.signal() }
                acknowledged = true
                waitForWake(nil, seconds: -1)
                continue
            }
            acknowledged = false
            let now = PrintDeadline.now()
            guard var open = listening else {
                if now < retryAt {
                    waitForWake(nil, seconds: retryAt - now)
                } else if let started = start() {
                    listening = started
                } else {
                    retryAt = now + 1
                }
                continue
            }
            let waiting = !open.outstanding.isEmpty
            guard waitForWake(open.fd, seconds: waiting ? max(0, open.answerBy - now) : -1) else {
                if waiting && PrintDeadline.now() >= open.answerBy {  // silent: the polls say so; try again later
                    POSIXCall.closeIgnoringErrors(open.fd)
                    listening = nil
                    retryAt = PrintDeadline.now() + 1
                }
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 64)
            let count: Int?
            do throws(POSIXCallError) {
                count = try POSIXCall.run("read") { read(open.fd, &buffer, buffer.count) }
            } catch {
                count = 0
            }
            guard let count else { continue }  // nothing after all
            guard count > 0 else {  // closed by the printer, or failed: connect again a second later
                POSIXCall.closeIgnoringErrors(open.fd)
                listening = nil
                retryAt = PrintDeadline.now() + 1
                continue
            }
            for reply in open.parser.consume(Array(buffer[0..<count])) { take(reply, &open) }
            listening = open
        }
    }

    /// Connects and asks `DLE EOT 1…4` and `GS a`; nil when the printer cannot be reached or does not take the bytes.
    private func start() -> Listening? {
        guard let fd = try? printer.connect(timeout: min(0.25, printer.timeoutSeconds)) else { return nil }
        var bytes = PrinterStatusQuery.fullCheck.flatMap(PrinterStatusQuery.bytes(for:)) + PrinterReplyParser.enableAutomaticStatus
        let sent = send(fd, &bytes, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
        guard sent == bytes.count else {
            POSIXCall.closeIgnoringErrors(fd)
            return nil
        }
        return Listening(fd: fd, answerBy: PrintDeadline.now() + printer.statusTimeoutSeconds)
    }

    /// Reports a completed real-time check or an ASB block; other replies mean nothing between jobs.
    private func take(_ reply: PrinterReply, _ open: inout Listening) {
        switch reply {
        case .realTimeStatus(let byte):
            guard let request = open.outstanding.first, PrinterStatusQuery.apply(byte, to: request, &open.round) else { return }
            open.outstanding.removeFirst()
            if open.outstanding.isEmpty { report(open.round.condition) }
        case .automaticStatus(let block):
            report(block.status.condition)
        case .inOrderStatus, .processID, .bufferCleared:
            break
        }
    }

    /// Waits for `fd` (if any) to be readable, a wake-up, or `seconds` (negative: no limit); true when `fd` is readable.
    @discardableResult
    private func waitForWake(_ fd: Int32?, seconds: Double) -> Bool {
        var entries = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        if let fd { entries.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = seconds < 0 ? -1 : Int32(min(60_000, (seconds * 1000).rounded(.up)))
        _ = poll(&entries, nfds_t(entries.count), milliseconds)
        if entries[0].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(wake.read, &drain, drain.count) > 0 {}
        }
        return entries.count > 1 && entries[1].revents != 0
    }
}
