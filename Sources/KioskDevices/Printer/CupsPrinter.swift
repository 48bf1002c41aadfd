import CCups
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
/// Every call blocks on the CUPS server and so runs on a worker thread. A job that has not
/// completed within `timeoutSeconds` is canceled, so that a ticket reported as failed can never
/// come out of the printer later.
public struct CupsPrinter: PrinterTransport {
    /// The queue's name, e.g. `ticket`.
    public let queue: String
    /// `host:port` or the path of a local socket; nil for libcups's default (`$CUPS_SERVER`,
    /// `client.conf`, then the local scheduler).
    public let server: String?
    /// The longest wait for the server and for a job to complete.
    public let timeoutSeconds: Double

    public init(queue: String, server: String? = nil, timeoutSeconds: Double = 20) {
        self.queue = queue
        self.server = server
        self.timeoutSeconds = timeoutSeconds
    }

    public var name: String { "cups:" + queue }

    /// IPP Print-Job with the bytes as a raw document (handed to libcups as an unlinked temporary
    /// file, which it sends with its length), then waits for the job to complete.
    public func send(_ bytes: [UInt8]) throws {
        var template = Array("/tmp/kioskd-job-XXXXXX".utf8CString)
        let document = mkstemp(&template)
        guard document >= 0 else { throw failure("mkstemp: \(String(cString: strerror(errno)))") }
        unlink(template)
        _ = fcntl(document, F_SETFD, FD_CLOEXEC)
        defer { close(document) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(document, $0.baseAddress! + written, $0.count - written) }
            guard count > 0 else { throw failure("write: \(String(cString: strerror(errno)))") }
            written += count
        }
        lseek(document, 0, SEEK_SET)

        let http = try connect()
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
        try follow(job, http)
    }

    /// printer-state, printer-state-reasons and printer-is-accepting-jobs, summed up.
    public func condition() -> PrinterCondition {
        guard let http = try? connect() else { return .offline }
        defer { httpClose(http) }
        let request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES)
        addOperationAttributes(request)
        guard let response = cupsDoRequest(http, request, "/") else { return .offline }
        defer { ippDelete(response) }
        guard ippGetStatusCode(response).rawValue < 0x0100 else { return .offline }
        let state = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM).map { ippGetInteger($0, 0) } ?? 3
        var reasons: [String] = []
        if let attribute = ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD) {
            for index in 0..<ippGetCount(attribute) {
                if let text = ippGetString(attribute, index, nil) { reasons.append(String(cString: text)) }
            }
        }
        let accepting = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)
            .map { ippGetBoolean($0, 0) != 0 } ?? true
        return Self.condition(state: Int(state), reasons: reasons, acceptingJobs: accepting)
    }

    /// The condition that IPP's printer-state (3 idle, 4 processing, 5 stopped), its
    /// printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9; `-error`, `-warning` and
    /// `-report` suffixes allowed) and printer-is-accepting-jobs describe.
    public static func condition(state: Int, reasons: [String], acceptingJobs: Bool) -> PrinterCondition {
        let keywords = Set(reasons.compactMap { reason -> String? in
            if reason.hasSuffix("-report") { return nil }
            for suffix in ["-error", "-warning"] where reason.hasSuffix(suffix) {
                return String(reason.dropLast(suffix.count))
            }
            return reason
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
        let http = try CupsPrinter(queue: "", server: server, timeoutSeconds: 5).connect()
        defer { httpClose(http) }
        var dests: UnsafeMutablePointer<cups_dest_t>?
        let count = cupsGetDests2(http, &dests)
        defer { cupsFreeDests(count, dests) }
        return (0..<Int(count)).compactMap { dests?[$0].name.map { String(cString: $0) } }
    }

    // MARK: - Private

    private func failure(_ reason: String) -> PrinterError { PrinterError(printer: name, reason: reason) }

    private var lastError: String { String(cString: cupsLastErrorString()) }

    private func connect() throws(PrinterError) -> OpaquePointer {
        var host = server ?? String(cString: cupsServer())
        var port = ippPort()
        if !host.hasPrefix("/"), let colon = host.lastIndex(of: ":"), let number = Int32(host[host.index(after: colon)...]) {
            port = number
            host = String(host[..<colon])
        }
        let milliseconds = Int32(timeoutSeconds * 1000)
        guard let http = httpConnect2(host, port, nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, milliseconds, nil)
        else { throw failure("cannot reach the CUPS server at \(host)\(host.hasPrefix("/") ? "" : ":\(port)")") }
        httpSetTimeout(http, timeoutSeconds, nil, nil)
        return http
    }

    private func addOperationAttributes(_ request: OpaquePointer?, job: Int32? = nil) {
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, "ipp://localhost/printers/" + queue)
        if let job { ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job) }
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
    }

    /// Polls job-state (gently: 5 ms, doubling to 200 ms) until the job ends or the time is up.
    private func follow(_ job: Int32, _ http: OpaquePointer) throws(PrinterError) {
        let deadline = Self.monotonicSeconds() + timeoutSeconds
        var pause: UInt32 = 5_000
        while true {
            let request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES)
            addOperationAttributes(request, job: job)
            guard let response = cupsDoRequest(http, request, "/") else {
                throw failure("lost track of job \(job): \(lastError)")
            }
            let state = ippFindAttribute(response, "job-state", IPP_TAG_ENUM).map { ippGetInteger($0, 0) } ?? 0
            let message = ippFindAttribute(response, "job-printer-state-message", IPP_TAG_TEXT)
                .flatMap { ippGetString($0, 0, nil) }.map { String(cString: $0) } ?? ""
            ippDelete(response)
            switch state {
            case 9: return  // completed
            case 7, 8:
                let how = state == 7 ? "canceled" : "aborted"
                throw failure("job \(job) was \(how)" + (message.isEmpty ? "" : ": \(message)"))
            default:
                break  // 3 pending, 4 held, 5 processing, 6 stopped: wait, within the deadline.
            }
            guard Self.monotonicSeconds() < deadline else {
                _ = cupsCancelJob2(http, queue, job, 0)
                let why = state == 6 ? "the printer stopped" : "it did not complete"
                throw failure("job \(job) canceled after \(Int(timeoutSeconds)) s: \(why)"
                    + (message.isEmpty ? "" : " (\(message))"))
            }
            usleep(pause)
            pause = min(pause * 2, 200_000)
        }
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
