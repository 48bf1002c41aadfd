#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// A failed system call, the kiosk's one type for it: the call, what it concerned (a path, a
/// device, a signal) and the `errno` it left, told as a technician reads it, e.g.
/// `open /dev/input/event3: no such file or directory`.
public struct SystemCallError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The call's name, e.g. `open` or `ioctl(EVIOCGRAB)`.
    public var call: String
    /// What the call concerned: a path, a device, a signal; empty when the caller names it itself
    /// (a printer's error names its printer).
    public var subject: String
    public var errno: Int32

    public init(call: String, subject: String = "", errno: Int32) {
        self.call = call
        self.subject = subject
        self.errno = errno
    }

    /// True when the device has gone away (`ENODEV`): reopen it when it comes back.
    public var isDeviceGone: Bool { errno == ENODEV }

    /// The C library's text for `errno`, lower-cased like the rest of the kiosk's messages.
    public var reason: String {
        let text = String(cString: strerror(errno))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// `call subject: reason`, or `call: reason` without a subject.
    public var description: String { subject.isEmpty ? "\(call): \(reason)" : "\(call) \(subject): \(reason)" }
}
