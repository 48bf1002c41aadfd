/// One HTTP request of the queue API, relative to the server's base URL.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    public var headers: [String: String]
    public var body: [UInt8]?
    /// Give up after this long, overriding the transport's default (connecting, sending and reading included).
    public var deadlineMilliseconds: Int?

    public init(
        method: String, path: String, headers: [String: String] = [:], body: [UInt8]? = nil, deadlineMilliseconds: Int? = nil
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.deadlineMilliseconds = deadlineMilliseconds
    }
}

/// The server's answer: status, headers (names lowercased) and body.
public struct HTTPReply: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends HTTP requests, blocking the calling thread; ``CurlTransport`` is the real one.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(QueueClientError) -> HTTPReply
}
