import CLinux

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// The kernel's uevent broadcasts (a netlink socket), read for DRM hotplug: a screen plugged in
/// or out arrives as `ACTION=change`, `SUBSYSTEM=drm`, `HOTPLUG=1`.
public final class UEventMonitor {
    public let fileDescriptor: Int32

    /// Opens the socket; nil where netlink is not allowed (a sandbox): hotplug is then not seen.
    public init?() {
        let fd = clinux_uevent_socket()
        guard fd >= 0 else { return nil }
        fileDescriptor = fd
    }

    /// Reads every waiting message; true if one was a DRM hotplug.
    public func readHotplug() -> Bool {
        var found = false
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fileDescriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            guard count > 0 else { break }
            if Self.isDRMHotplug(buffer[0..<count]) { found = true }
        }
        return found
    }

    /// Whether a kernel uevent message (`action@devpath` then `KEY=value` fields, NUL-separated)
    /// reports a DRM hotplug. Messages from udevd (`libudev` magic) are not the kernel's and are ignored.
    public static func isDRMHotplug<Bytes: Collection<UInt8>>(_ message: Bytes) -> Bool {
        let fields = message.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
        guard let header = fields.first, header.contains("@") else { return false }
        return fields.contains("SUBSYSTEM=drm") && fields.contains("HOTPLUG=1")
    }

    public func close() { closeDescriptor(fileDescriptor) }
}
