import KioskCore
import KioskDevices

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

/// ``POSIXCall/run(_:_:)`` (the package's one errno policy) with its error told as a
/// ``SystemError`` naming `subject`: `EINTR` retried, `EAGAIN` returned as nil.
@discardableResult
func systemCall<T: FixedWidthInteger>(_ call: String, _ subject: String, _ body: () -> T) throws -> T? {
    do {
        return try POSIXCall.run(call, body)
    } catch {
        throw SystemError(call: call, subject: subject, errno: error.errno)
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
