#if canImport(Glibc)
    import Glibc
#endif

/// Tells systemd about readiness and liveness (`sd_notify(3)` datagrams on `$NOTIFY_SOCKET`).
///
/// Without that variable every call does nothing, so the server runs the same by hand. (The kiosk
/// has its own copy in KioskRuntime, which this package does not link.)
struct SystemdNotify: Sendable {
    private let socketPath: String?
    /// Half the watchdog interval systemd asked for, in milliseconds, or nil when there is none.
    let watchdogPingMilliseconds: Int64?

    init() {
        socketPath = getenv("NOTIFY_SOCKET").map { String(cString: $0) }
        let usec = getenv("WATCHDOG_USEC").flatMap { Int64(String(cString: $0)) }
        watchdogPingMilliseconds = usec.map { max(1, $0 / 2000) }
    }

    /// Sends `state` (`READY=1`, `WATCHDOG=1`, `STOPPING=1`).
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
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
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
