import Foundation

/// Unix sockets the tests listen on in kioskd's place (systemd's notify socket, a lying control socket).
public enum UnixSocket {
    /// A new socket of `type` (`SOCK_DGRAM`, `SOCK_STREAM`) bound to `path`; -1 when it cannot be made or bound.
    public static func bound(to path: String, type: __socket_type) -> Int32 {
        let fd = socket(AF_UNIX, Int32(type.rawValue), 0)
        guard fd >= 0, path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else {
            if fd >= 0 { close(fd) }
            return -1
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            close(fd)
            return -1
        }
        return fd
    }
}
