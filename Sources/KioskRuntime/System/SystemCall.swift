import KioskCore
import KioskDevices
import KioskSystem

/// ``POSIXCall/run(_:subject:_:)`` (the package's one errno policy), its ``SystemCallError``
/// naming `subject`: `EINTR` retried, `EAGAIN` returned as nil.
@discardableResult
func systemCall<T: FixedWidthInteger>(_ call: String, _ subject: String, _ body: () -> T) throws -> T? {
    try POSIXCall.run(call, subject: subject, body)
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
