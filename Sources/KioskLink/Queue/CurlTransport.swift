import CCurl
import CLazyLibraries
import Synchronization

/// HTTP over libcurl, keeping its connection open between calls (one request at a time).
///
/// One easy handle lives as long as the transport: `curl_easy_reset` between requests keeps its
/// connection cache, so calls reuse one keep-alive connection (and one TLS session). TLS peers
/// and host names are always verified (`CURLOPT_SSL_VERIFYPEER`, `CURLOPT_SSL_VERIFYHOST`).
///
/// libcurl rather than FoundationNetworking: the kiosk's resident memory is a product figure,
/// and FoundationNetworking adds about 20 MB (measured by `sync-bench --memory`).
public final class CurlTransport: HTTPTransport {
    private let baseURL: String
    private let timeoutMilliseconds: Int
    private let caFile: String?
    private let handle: Mutex<CurlHandle>

    /// `baseURL` like `https://queue.mpp.local`; a request gives up after its own deadline, or
    /// `timeoutMilliseconds` when it has none. `caFile` names a PEM bundle to trust instead of the system's.
    /// Throws when libcurl cannot be loaded (it is loaded on first use: a standalone kiosk never maps it).
    public init(baseURL: String, timeoutMilliseconds: Int = 5000, caFile: String? = nil) throws(QueueClientError) {
        if let problem = kiosk_library_load(KIOSK_LIBRARY_CURL) { throw .transport(String(cString: problem)) }
        CurlTransport.initialize()
        guard let easy = curl_easy_init() else { throw .transport("libcurl could not make a handle") }
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeoutMilliseconds = timeoutMilliseconds
        self.caFile = caFile
        self.handle = Mutex(CurlHandle(easy))
    }

    public func send(_ request: HTTPRequest) throws(QueueClientError) -> HTTPReply {
        let url = baseURL + request.path
        let timeout = request.deadlineMilliseconds ?? timeoutMilliseconds
        let caFile = caFile
        let result: Result<HTTPReply, QueueClientError> = handle.withLock { handle in
            Result { () throws(QueueClientError) -> HTTPReply in
                try handle.perform(url: url, request, timeoutMilliseconds: timeout, caFile: caFile)
            }
        }
        return try result.get()
    }

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()
    private static func initialize() { _ = globalInit }
}

/// A libcurl easy handle and the buffers its callbacks fill.
final class CurlHandle {
    private let easy: UnsafeMutableRawPointer
    init(_ easy: UnsafeMutableRawPointer) { self.easy = easy }
    deinit { curl_easy_cleanup(easy) }

    /// Collects the body and header lines libcurl delivers.
    fileprivate final class Sink {
        var body: [UInt8] = []
        var headers: [String: String] = [:]
    }

    func perform(url: String, _ request: HTTPRequest, timeoutMilliseconds: Int, caFile: String?) throws(QueueClientError) -> HTTPReply {
        curl_easy_reset(easy)
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers { list = curl_slist_append(list, name + ": " + value) }
        if request.body != nil { list = curl_slist_append(list, "Content-Type: application/json") }
        list = curl_slist_append(list, "Expect:")
        defer { curl_slist_free_all(list) }

        var code = kiosk_curl_set_string(easy, CURLOPT_URL, url)
        code = code == CURLE_OK ? kiosk_curl_set_string(easy, CURLOPT_CUSTOMREQUEST, request.method) : code
        code = code == CURLE_OK ? kiosk_curl_set_long(easy, CURLOPT_TIMEOUT_MS, timeoutMilliseconds) : code
        code = code == CURLE_OK ? kiosk_curl_set_long(easy, CURLOPT_CONNECTTIMEOUT_MS, timeoutMilliseconds) : code
        code = code == CURLE_OK ? kiosk_curl_set_long(easy, CURLOPT_NOSIGNAL, 1) : code
        code = code == CURLE_OK ? kiosk_curl_set_long(easy, CURLOPT_SSL_VERIFYPEER, 1) : code
        code = code == CURLE_OK ? kiosk_curl_set_long(easy, CURLOPT_SSL_VERIFYHOST, 2) : code
        code = code == CURLE_OK ? kiosk_curl_set_long(easy, CURLOPT_TCP_KEEPALIVE, 1) : code
        code = code == CURLE_OK ? kiosk_curl_set_string(easy, CURLOPT_PROTOCOLS_STR, "http,https") : code
        if let caFile { code = code == CURLE_OK ? kiosk_curl_set_string(easy, CURLOPT_CAINFO, caFile) : code }
        // The queue server is reached directly, never through an environment proxy.
        code = code == CURLE_OK ? kiosk_curl_set_string(easy, CURLOPT_NOPROXY, "*") : code
        code = code == CURLE_OK ? kiosk_curl_set_pointer(easy, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list)) : code
        code = code == CURLE_OK ? kiosk_curl_set_write(easy, curlWriteBody) : code
        code = code == CURLE_OK ? kiosk_curl_set_pointer(easy, CURLOPT_WRITEDATA, unmanaged.toOpaque()) : code
        code = code == CURLE_OK ? kiosk_curl_set_header_callback(easy, curlWriteHeader) : code
        code = code == CURLE_OK ? kiosk_curl_set_pointer(easy, CURLOPT_HEADERDATA, unmanaged.toOpaque()) : code
        guard code == CURLE_OK else { throw .transport("libcurl setup: " + String(cString: curl_easy_strerror(code))) }

        if request.method != "GET" {
            // COPYPOSTFIELDS copies the bytes; the size is set first so a body may hold any byte.
            let body = request.body ?? []
            code = kiosk_curl_set_long(easy, CURLOPT_POSTFIELDSIZE, body.count)
            if code == CURLE_OK {
                code = (body + [0]).withUnsafeBufferPointer { buffer in
                    kiosk_curl_set_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
                }
            }
        }
        code = code == CURLE_OK ? curl_easy_perform(easy) : code
        guard code == CURLE_OK else {
            throw .transport("\(request.method) \(request.path): " + String(cString: curl_easy_strerror(code)))
        }
        var status = 0
        _ = kiosk_curl_get_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return HTTPReply(status: status, headers: sink.headers, body: sink.body)
    }

    fileprivate static func sink(_ pointer: UnsafeMutableRawPointer?) -> Sink? {
        pointer.map { Unmanaged<Sink>.fromOpaque($0).takeUnretainedValue() }
    }

    fileprivate static func appendBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int, _ user: UnsafeMutableRawPointer?) {
        guard let data, let sink = sink(user) else { return }
        data.withMemoryRebound(to: UInt8.self, capacity: count) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
    }

    fileprivate static func appendHeader(_ data: UnsafeMutablePointer<CChar>?, _ count: Int, _ user: UnsafeMutableRawPointer?) {
        guard let data, let sink = sink(user) else { return }
        let line = data.withMemoryRebound(to: UInt8.self, capacity: count) { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) }
        guard let colon = line.firstIndex(of: ":") else {
            if line.hasPrefix("HTTP/") { sink.headers = [:] }  // a new response (after 100 Continue) starts over
            return
        }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: " \r\n\t")
        sink.headers[name] = value
    }
}

private func curlWriteBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    CurlHandle.appendBody(data, size * count, user)
    return size * count
}

private func curlWriteHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    CurlHandle.appendHeader(data, size * count, user)
    return size * count
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set`.
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
