import KioskCore

/// A failed system call: which call, on what, and the errno it gave.
public struct SystemError: Error, CustomStringConvertible {
    public var call: String
    public var subject: String
    public var errno: Int32
    public var description: String { "\(call) \(subject): \(String(cString: strerror(errno)))" }

    public init(call: String, subject: String, errno: Int32) {
        self.call = call
        self.subject = subject
        self.errno = errno
    }
}

/// The one door for system calls: retries `EINTR`, returns `nil` for `EAGAIN`, throws the rest.
@discardableResult
func systemCall<T: BinaryInteger>(_ call: String, _ subject: String, _ body: () -> T) throws -> T? {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = Glibc.errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK { return nil }
        throw SystemError(call: call, subject: subject, errno: code)
    }
}

/// Clocks: wall time for the core, monotonic time for measuring.
enum Clock {
    /// The wall clock, as the core's ``Timestamp``.
    static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    /// Monotonic nanoseconds, for intervals only.
    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
