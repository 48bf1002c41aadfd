/// How the kiosk reaches the queue server; absent, the kiosk numbers tickets standalone.
public struct ServerConfig: Sendable, Equatable {
    /// Base URL, `https://…` (plain `http://` only for a loopback host, in tests and demos).
    public var url: String
    /// Where citizens' phones reach the queue server's citizen pages (`/t/{id}`), printed in each
    /// ticket's QR; the server's `url` when not given.
    public var publicURL: String
    /// Absolute path of the file holding the kiosk's bearer token (mode 0600 or stricter).
    public var tokenFile: String
    /// Absolute path of a PEM bundle of certificate authorities to trust (the mall's own CA); nil: the system's.
    public var caFile: String?
    /// How long a citizen waits for an online ticket before the kiosk issues it offline (default 1500 ms).
    public var deadlineMilliseconds: Int
    /// Numbers asked for in one lease, per service and day (default 50).
    public var leaseSize: Int
    /// A lease is renewed in the background when fewer numbers than this are left (default 10).
    public var leaseLowWater: Int
    /// Seconds between heartbeats (default 30).
    public var heartbeatSeconds: Int
    /// Outbox entries sent in one sync request (default 100, the server takes at most 200).
    public var syncBatchSize: Int

    public init(
        url: String, publicURL: String? = nil, tokenFile: String, caFile: String? = nil, deadlineMilliseconds: Int = 1500, leaseSize: Int = 50,
        leaseLowWater: Int = 10, heartbeatSeconds: Int = 30, syncBatchSize: Int = 100
    ) {
        self.url = url
        self.publicURL = publicURL ?? url
        self.tokenFile = tokenFile
        self.caFile = caFile
        self.deadlineMilliseconds = deadlineMilliseconds
        self.leaseSize = leaseSize
        self.leaseLowWater = leaseLowWater
        self.heartbeatSeconds = heartbeatSeconds
        self.syncBatchSize = syncBatchSize
    }
}
