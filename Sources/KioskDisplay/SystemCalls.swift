#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif
import KioskSystem

/// Closes `fd`, once; `EINTR` leaves it closed on Linux, so it is not retried.
func closeDescriptor(_ fd: Int32) { _ = close(fd) }

/// Opens `path` read-write and non-blocking (``POSIXCall``: `EINTR` retried); returns the descriptor.
func openDevice(_ path: String) throws(SystemCallError) -> Int32 {
    try POSIXCall.require("open") { open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK) }
}

/// What `call` just failed with (`errno`), as a display error's problem: `ioctl: invalid argument`.
func failed(_ call: String) -> String { SystemCallError(call: call, errno: errno).description }

/// A pipe whose both ends are non-blocking and close on exec, or nil with errno set.
func nonBlockingPipe() -> (read: Int32, write: Int32)? {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return nil }
    for fd in fds {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    return (fds[0], fds[1])
}

/// What to check when a display device cannot be opened with `code`.
func openAdvice(_ path: String, _ code: Int32, kind: String) -> String {
    switch code {
    case ENOENT:
        kind == "drm"
            ? "the card exists (ls /dev/dri), its kernel driver is loaded (dmesg | grep drm), and \"device\" names it"
            : "the framebuffer exists (ls /dev/fb*), a framebuffer driver is loaded, and \"device\" names it"
    case EACCES, EPERM:
        "kioskd's user may open \(path) (the video group, or the unit's DeviceAllow and SupplementaryGroups)"
    case EBUSY:
        "no other program (a display server, another kioskd) holds \(path)"
    default:
        "\(path) is a \(kind == "drm" ? "DRM card" : "framebuffer") device node"
    }
}
