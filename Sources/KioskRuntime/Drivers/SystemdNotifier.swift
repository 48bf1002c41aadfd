/// Tells systemd about readiness and liveness (`sd_notify(3)` protocol) when it started us.
///
/// Speaks the datagram protocol on `$NOTIFY_SOCKET` directly; without that variable every call
/// does nothing, so kioskd runs the same by hand.
struct SystemdNotifier {
    private let socketPath: String?
    /// Half the watchdog interval systemd asked for, in nanoseconds, or nil when there is none.
    let watchdogPingInterval: UInt64?

    init() {
        socketPath = getenv("NOTIFY_SOCKET").map { String(cString: $0) }
        let usec = getenv("WATCHDOG_USEC").flatMap { UInt64(String(cString: $0)) }
        watchdogPingInterval = usec.map { $0 * 1000 / 2 }
    }

    /// Tells systemd's watchdog kioskd is alive, when the unit has one. Sent on the loop's schedule, and
    /// also around a restart in place: the new program inherits the old one's watchdog clock.
    func pingWatchdog() {
        if watchdogPingInterval != nil { notify("WATCHDOG=1") }
    }

    /// Sends `state` (e.g. `READY=1`, `WATCHDOG=1`, `STOPPING=1`).
    func notify(_ state: String) {
        guard var path = socketPath, !path.isEmpty else { return }
        if path.hasPrefix("@") { path = "\0" + path.dropFirst() }  // Abstract socket namespace.
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in pathBytes.enumerated() { raw[i] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        let message = Array(state.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(fd, message, message.count, 0, socketAddress, length)
            }
        }
    }
}
