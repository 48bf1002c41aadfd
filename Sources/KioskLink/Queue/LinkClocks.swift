/// The clocks the link reads: the wall clock (ms since the epoch) for durable records and clock-offset
/// samples, and a monotonic one (ms) for time spent within a deadline. The system's by default; a
/// simulation (`kiosk-sim`) gives its own, so the same seed gives the same run.
public struct LinkClocks: Sendable {
    public var wall: @Sendable () -> Int64
    public var monotonic: @Sendable () -> Int64

    public init(wall: @escaping @Sendable () -> Int64, monotonic: @escaping @Sendable () -> Int64) {
        self.wall = wall
        self.monotonic = monotonic
    }

    /// `CLOCK_REALTIME` and `CLOCK_MONOTONIC` (``WallClock``).
    public static let system = LinkClocks(wall: { WallClock.milliseconds() }, monotonic: { WallClock.monotonicMilliseconds() })
}
