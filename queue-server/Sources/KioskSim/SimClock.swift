import KioskLink
import Synchronization

/// Simulated time, ms since the epoch: the server's clock and every kiosk's (no skew is modelled yet).
/// It moves only when the simulation says so: to the next scheduled happening, or by a request's latency.
final class SimClock: Sendable {
    private let milliseconds: Mutex<Int64>

    init(start: Int64) { milliseconds = Mutex(start) }

    var now: Int64 { milliseconds.withLock { $0 } }

    /// Moves time forward by `delta` ms (never back).
    func advance(by delta: Int64) { milliseconds.withLock { $0 += max(0, delta) } }

    /// Moves time forward to `instant` when it is later.
    func advance(to instant: Int64) { milliseconds.withLock { $0 = max($0, instant) } }

    /// The link's clocks, both read from this one.
    var linkClocks: LinkClocks { LinkClocks(wall: { [self] in now }, monotonic: { [self] in now }) }
}
