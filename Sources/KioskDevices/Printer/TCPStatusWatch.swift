import KioskCore
import KioskSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Holds a connection to a TCP printer between jobs, so a paper end or an open cover while nobody
/// prints is heard within seconds, not at the next 15 s poll or the next citizen's touch.
///
/// Each connection starts with a real-time check (`DLE EOT 1…4`). A printer whose profile has
/// Automatic Status Back is then sent `GS a` and tells of every change itself, the moment it
/// happens (Epson ESC/POS reference, "GS a": the printer sends its first status at once when ASB is
/// enabled); one without it, or one that sent no status within ``automaticStatusGrace`` of `GS a`
/// (a profile that promises ASB on a printer that ignores it: said once through `note`), is asked
/// `DLE EOT 1…4` again every `askEvery` seconds on the same connection (real-time requests:
/// answered at once, printing nothing). What each complete check or ASB block says goes through
/// ``PrinterConditionSettling`` (a stop at once, other changes once they held, so a flapping paper
/// sensor is told once) and what it lets through is handed to `report`. Nothing else is reported:
/// a refused or silent connection is only tried again a second later (the print worker's polls say
/// offline or not answering). An
/// Ethernet printer serves one connection at a time, so the print worker ``pause()``s the watch
/// (its connection closed) before each job or poll and ``resume()``s it after.
public final class TCPStatusWatch: IdleStatusWatch {
    /// The period of the `DLE EOT` check for a printer without Automatic Status Back.
    public static let defaultAskEvery = 2.0
    /// How long after `GS a` the first Automatic Status Back block must come before the printer is
    /// taken as one that ignores it.
    public static let automaticStatusGrace = 1.0

    private let printer: TCPPrinter
    private let askEvery: Double
    private let report: @Sendable (PrinterCondition) -> Void
    private let note: @Sendable (String) -> Void
    private let gate: IdleWatchGate

    /// Will watch `printer` (its host, port, timeouts and whether it uses ASB) once started, asking
    /// every `askEvery` seconds where it has no ASB, and hand what it says to `report`, from the
    /// watch's thread; `note` gets what a technician should read in the log (once).
    public init(
        printer: TCPPrinter, askEvery: Double = defaultAskEvery, note: @escaping @Sendable (String) -> Void = { _ in },
        report: @escaping @Sendable (PrinterCondition) -> Void
    ) throws {
        self.printer = printer
        self.askEvery = max(0.1, askEvery)
        self.report = report
        self.note = note
        gate = try IdleWatchGate()
    }

    public func start() { gate.start(label: "kioskd.printer-status") { [self] in run() } }
    public func pause() { gate.pause() }
    public func resume() { gate.resume() }
    public func stop() { gate.stop() }

    // MARK: - The watch's thread

    /// One connection's state: the check outstanding and the replies so far.
    private struct Listening {
        let fd: Int32
        var outstanding = PrinterStatusQuery.fullCheck
        var round = PrinterStatus()
        var parser = PrinterReplyParser()
        /// Monotonic seconds by which the outstanding check must be answered, or the next one is asked.
        var due: Double
        /// What this connection reported, and a change waiting to hold.
        var settling = PrinterConditionSettling()
        /// Whether this connection relies on Automatic Status Back rather than asking.
        var automatic: Bool
        /// Monotonic seconds by which the first ASB block must come, while none came yet.
        var automaticDue: Double?
    }

    private func run() {
        var listening: Listening?
        var retryAt = 0.0
        var toldIgnored = false
        func close() {
            if let open = listening { POSIXCall.closeIgnoringErrors(open.fd) }
            listening = nil
        }
        while gate.proceed(release: close) {
            let now = PrintDeadline.now()
            guard var open = listening else {
                if now < retryAt {
                    gate.waitForWake(nil, seconds: retryAt - now)
                } else if let started = connect() {
                    listening = started
                } else {
                    retryAt = now + 1
                }
                continue
            }
            if let settled = open.settling.settled(at: now) { report(settled) }
            if open.automatic, let due = open.automaticDue, now >= due {  // GS a ignored: ask instead
                open.automatic = false
                open.automaticDue = nil
                if !toldIgnored {
                    note(
                        "no Automatic Status Back within \(PrintDeadline.text(Self.automaticStatusGrace)) of GS a: this printer "
                            + "ignores it (check its profile); asking it DLE EOT every \(PrintDeadline.text(askEvery)) instead")
                    toldIgnored = true
                }
            }
            listening = open
            let waiting = !open.outstanding.isEmpty
            if !waiting, !open.automatic, now >= open.due {  // time for the next check
                listening = ask(&open) ? open : nil
                if listening == nil { retryAt = now + 1 }
                continue
            }
            let deadlines = [waiting || !open.automatic ? open.due : nil, open.automaticDue, open.settling.due].compactMap { $0 }
            let limit = deadlines.min().map { max(0, $0 - now) } ?? -1
            guard gate.waitForWake(open.fd, seconds: limit) else {
                if waiting && PrintDeadline.now() >= open.due {  // silent: the polls say so; try again later
                    close()
                    retryAt = PrintDeadline.now() + 1
                }
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 64)
            let count: Int?
            do throws(SystemCallError) {
                count = try POSIXCall.run("read") { read(open.fd, &buffer, buffer.count) }
            } catch {
                count = 0
            }
            guard let count else { continue }  // nothing after all
            guard count > 0 else {  // closed by the printer, or failed: connect again a second later
                close()
                retryAt = PrintDeadline.now() + 1
                continue
            }
            for reply in open.parser.consume(Array(buffer[0..<count])) { take(reply, &open) }
            listening = open
        }
    }

    /// Connects and asks the first check (and turns ASB on, where used); nil when the printer
    /// cannot be reached or does not take the bytes.
    private func connect() -> Listening? {
        guard let fd = try? printer.connect(timeout: min(0.25, printer.timeoutSeconds)) else { return nil }
        let automatic = printer.usesAutomaticStatus
        var open = Listening(fd: fd, due: 0, automatic: automatic)
        guard ask(&open, then: automatic ? PrinterReplyParser.enableAutomaticStatus : []) else { return nil }
        if automatic { open.automaticDue = PrintDeadline.now() + Self.automaticStatusGrace }
        return open
    }

    /// Sends `DLE EOT 1…4` (and `extra`) and sets the deadline for their answers; false (the
    /// connection closed) when the printer does not take the bytes.
    private func ask(_ open: inout Listening, then extra: [UInt8] = []) -> Bool {
        var bytes = PrinterStatusQuery.fullCheck.flatMap(PrinterStatusQuery.bytes(for:)) + extra
        guard send(open.fd, &bytes, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) == bytes.count else {
            POSIXCall.closeIgnoringErrors(open.fd)
            return false
        }
        open.outstanding = PrinterStatusQuery.fullCheck
        open.round = PrinterStatus()
        open.due = PrintDeadline.now() + printer.statusTimeoutSeconds
        return true
    }

    /// Reports a completed real-time check or an ASB block, as far as ``PrinterConditionSettling``
    /// lets it through; other replies mean nothing between jobs.
    private func take(_ reply: PrinterReply, _ open: inout Listening) {
        switch reply {
        case .realTimeStatus(let byte):
            guard let request = open.outstanding.first, PrinterStatusQuery.apply(byte, to: request, &open.round) else { return }
            open.outstanding.removeFirst()
            guard open.outstanding.isEmpty else { return }
            open.due = PrintDeadline.now() + askEvery
            if let condition = open.settling.heard(open.round.condition, at: PrintDeadline.now()) { report(condition) }
        case .automaticStatus(let block):
            open.automaticDue = nil
            if let condition = open.settling.heard(block.status.condition, at: PrintDeadline.now()) { report(condition) }
        case .inOrderStatus, .processID, .bufferCleared:
            break
        }
    }
}
