#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("WallClock needs clock_gettime(2)")
#endif

/// The kiosk's wall clock (`CLOCK_REALTIME`) in milliseconds since the Unix epoch.
public enum WallClock {
    public static func milliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// `CLOCK_MONOTONIC` in milliseconds: for time spent, which a clock step must not change.
    public static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
