import CCups
import CLazyLibraries
import KioskCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Prints through a CUPS queue with libcups: one raw Print-Job per ticket (`application/vnd.cups-raw`),
/// followed with IPP Get-Job-Attributes until CUPS says it completed, was aborted or was canceled.
///
/// A job counts as printed only when it completed and no `media-*`, `cover-open` or `*-error`
/// reason was raised while it ran (`job-printer-state-reasons`): a raw queue's backend completes a
/// job as soon as the bytes reached the printer, paper or not. A job that has not ended by the
/// deadline is canceled, so a ticket reported as not printed cannot come out later; it is failed
/// while CUPS had not started sending it, uncertain once it had. See ``CupsReasons`` for what
/// each kind of queue can report.
///
/// Every call blocks on the CUPS server and so runs on a worker thread.
public struct CupsPrinter: PrinterTransport {
    /// The queue's name, e.g. `ticket`.
    public let queue: String
    /// `host:port` or the path of a local socket; nil for libcups's default (`$CUPS_SERVER`,
    /// `client.conf`, then the local scheduler).
    public let server: String?
    /// The longest wait for the server (connection and each request).
    public let timeoutSeconds: Double

    public init(queue: String, server: String? = nil, timeoutSeconds: Double = 1) {
        self.queue = queue
        self.server = server
        self.timeoutSeconds = timeoutSeconds
    }

    public var name: String { "cups:" + queue }

    /// IPP Print-Job with the bytes as a raw document (handed to libcups as an unlinked temporary
    /// file, which it sends with its length), then follows the job until it ends or `seconds` pass.
    public func print(_ bytes: [UInt8], within seconds: Double) -> PrintAttempt {
        let deadline = PrintDeadline(seconds: seconds)
        do throws(PrinterError) {
            let document = try temporaryDocument(bytes)
            defer { close(document) }
            let http = try connect(timeout: min(timeoutSeconds, deadline.remaining))
            defer { httpClose(http) }
            let request = ippNewRequest(IPP_OP_PRINT_JOB)
            addOperationAttributes(request)
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nil, "kioskd ticket")
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nil, "application/vnd.cups-raw")
            guard let response = cupsDoIORequest(http, request, "/", document, -1) else {
                throw failure("CUPS refused the job: \(lastError)")
            }
            defer { ippDelete(response) }
            guard ippGetStatusCode(response).rawValue < 0x0100,
                let job = ippFindAttribute(response, "job-id", IPP_TAG_INTEGER).map({ ippGetInteger($0, 0) })
            else { throw failure("CUPS refused the job: \(lastError)") }
            return follow(job, http, deadline: deadline, seconds: seconds)
        } catch {
            return PrintAttempt(.failed(reason: error.reason), .offline)
        }
    }

    private func temporaryDocument(_ bytes: [UInt8]) throws(PrinterError) -> Int32 {
        var template = Array("/tmp/kioskd-job-XXXXXX".utf8CString)
        let document = mkstemp(&template)
        guard document >= 0 else { throw failure("mkstemp: \(String(cString: strerror(errno)))") }
        unlink(template)
        _ = fcntl(document, F_SETFD, FD_CLOEXEC)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(document, $0.baseAddress! + written, $0.count - written) }
            guard count > 0 else {
                close(document)
                throw failure("write: \(String(cString: strerror(errno)))")
            }
            written += count
        }
        lseek(document, 0, SEEK_SET)
        return document
    }

    /// printer-state, printer-state-reasons and printer-is-accepting-jobs, summed up.
    public func condition() -> PrinterCondition {
        guard let status = try? status() else { return .offline }
        return Self.condition(state: status.state, reasons: status.reasons, acceptingJobs: status.acceptingJobs)
    }

    /// The queue as CUPS reports it, kept whole for the technician; throws when the server or the
    /// queue cannot be reached.
    public func status() throws(PrinterError) -> CupsQueueStatus {
        let http = try connect(timeout: timeoutSeconds)
        defer { httpClose(http) }
        let request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES)
        addOperationAttributes(request)
        guard let response = cupsDoRequest(http, request, "/") else { throw failure("no answer: \(lastError)") }
        defer { ippDelete(response) }
        guard ippGetStatusCode(response).rawValue < 0x0100 else { throw failure("no such queue: \(lastError)") }
        let state = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM).map { ippGetInteger($0, 0) } ?? 3
        let accepting = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)
            .map { ippGetBoolean($0, 0) != 0 } ?? true
        let uri = ippFindAttribute(response, "device-uri", IPP_TAG_URI).flatMap { ippGetString($0, 0, nil) }
        return CupsQueueStatus(
            state: Int(state), reasons: Self.strings(response, "printer-state-reasons", IPP_TAG_KEYWORD),
            message: Self.strings(response, "printer-state-message", IPP_TAG_TEXT).first ?? "",
            acceptingJobs: accepting, deviceURI: uri.map { String(cString: $0) } ?? "")
    }

    /// Every value of attribute `name` as text.
    private static func strings(_ response: OpaquePointer?, _ name: String, _ tag: ipp_tag_t) -> [String] {
        guard let attribute = ippFindAttribute(response, name, tag) else { return [] }
        return (0..<ippGetCount(attribute)).compactMap { index in
            ippGetString(attribute, index, nil).map { String(cString: $0) }
        }
    }

    /// The condition that IPP's printer-state (3 idle, 4 processing, 5 stopped), its
    /// printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9; `-error`, `-warning` and
    /// `-report` suffixes allowed) and printer-is-accepting-jobs describe.
    public static func condition(state: Int, reasons: [String], acceptingJobs: Bool) -> PrinterCondition {
        // `-report` reasons are information only, except those that stop the printer (an open door is one).
        let keywords = Set(reasons.compactMap { reason -> String? in
            let keyword = CupsJobWatch.keyword(reason)
            return reason.hasSuffix("-report") && !CupsJobWatch.stopsPrinter.contains(keyword) ? nil : keyword
        })
        if !keywords.isDisjoint(with: ["cover-open", "door-open", "interlock-open"]) { return .coverOpen }
        if !keywords.isDisjoint(with: ["media-empty", "media-needed"]) { return .paperOut }
        if keywords.contains(where: { $0.hasPrefix("cutter") }) { return .cutterError }
        if state == 5 || !acceptingJobs || !keywords.isDisjoint(with: ["offline", "shutdown", "paused", "media-jam"]) {
            return .offline
        }
        if keywords.contains("media-low") { return .paperNearEnd }
        return .ready
    }

    /// The queues the CUPS server at `server` (nil: libcups's default) offers, by name.
    public static func queues(server: String? = nil) throws -> [String] {
        let http = try CupsPrinter(queue: "", server: server, timeoutSeconds: 5).connect(timeout: 5)
        defer { httpClose(http) }
        var dests: UnsafeMutablePointer<cups_dest_t>?
        let count = cupsGetDests2(http, &dests)
        defer { cupsFreeDests(count, dests) }
        return (0..<Int(count)).compactMap { dests?[$0].name.map { String(cString: $0) } }
    }

    // MARK: - Private

    private func failure(_ reason: String) -> PrinterError { PrinterError(printer: name, reason: reason) }

    private var lastError: String { String(cString: cupsLastErrorString()) }

    /// Connects to the server; throws when it cannot, or when libcups cannot be loaded (it is loaded on first use).
    private func connect(timeout: Double) throws(PrinterError) -> OpaquePointer {
        if let problem = kiosk_library_load(KIOSK_LIBRARY_CUPS) { throw failure(String(cString: problem)) }
        var host = server ?? String(cString: cupsServer())
        var port = ippPort()
        if !host.hasPrefix("/"), let colon = host.lastIndex(of: ":"), let number = Int32(host[host.index(after: colon)...]) {
            port = number
            host = String(host[..<colon])
        }
        let milliseconds = Int32(max(1, timeout * 1000))
        guard let http = httpConnect2(host, port, nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, milliseconds, nil)
        else { throw failure("cannot reach the CUPS server at \(host)\(host.hasPrefix("/") ? "" : ":\(port)")") }
        httpSetTimeout(http, max(0.1, timeout), nil, nil)
        return http
    }

    private func addOperationAttributes(_ request: OpaquePointer?, job: Int32? = nil) {
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, "ipp://localhost/printers/" + queue)
        if let job { ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job) }
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
    }

    /// Polls job-state and job-printer-state-reasons (gently: 5 ms, doubling to 100 ms) until the
    /// job ends or the deadline passes; then cancels it if it has not ended.
    private func follow(_ job: Int32, _ http: OpaquePointer, deadline: PrintDeadline, seconds: Double) -> PrintAttempt {
        var pause: UInt32 = 5_000
        var seen = CupsJobWatch()
        while true {
            let request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES)
            addOperationAttributes(request, job: job)
            if let response = cupsDoRequest(http, request, "/") {
                let state = ippFindAttribute(response, "job-state", IPP_TAG_ENUM).map { ippGetInteger($0, 0) } ?? 0
                seen.observe(
                    state: Int(state), reasons: Self.strings(response, "job-printer-state-reasons", IPP_TAG_KEYWORD),
                    message: Self.strings(response, "job-printer-state-message", IPP_TAG_TEXT).first ?? "")
                ippDelete(response)
            }
            if seen.state == 9, let printer = try? status() {
                // A reason raised and the job ended between two looks: the queue still shows it.
                seen.observe(state: 9, reasons: printer.reasons, message: printer.message)
            }
            if let attempt = seen.attempt(job: Int(job)) { return attempt }
            guard deadline.remaining > 0 else {
                _ = cupsCancelJob2(http, queue, job, 0)
                return seen.timedOut(job: Int(job), after: PrintDeadline.text(seconds))
            }
            usleep(min(pause, UInt32(min(deadline.remaining, 1) * 1_000_000) + 1))
            pause = min(pause * 2, 100_000)
        }
    }
}
