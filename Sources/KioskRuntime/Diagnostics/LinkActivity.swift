/// What the queue server link's thread last did, for the diagnostics Network screen.
struct LinkActivity: Sendable, Equatable {
    /// Wall-clock milliseconds of the last heartbeat the server took.
    var lastHeartbeat: Int64?
    /// Wall-clock milliseconds of the last round that reached the server (its outbox sent, or empty).
    var lastSync: Int64?
    /// The last round reached the server.
    var online = false
    /// The kiosk's clock minus the server's, once measured.
    var clockOffsetMilliseconds: Int64?
}
