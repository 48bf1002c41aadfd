import KioskLink
import Synchronization

/// Simulated time, ms since the epoch: the true time, which the server reads (``KioskClock`` adds a kiosk's error).
/// It moves only when the simulation says so: to the next scheduled happening, or by a request's latency.
final class SimClock: Sendable {
    private let milliseconds: Mutex<Int64>

    init(start: Int64) { milliseconds = Mutex(start) }

    var now: Int64 { milliseconds.withLock { $0 } }

    /// Moves time forward by `delta` ms (never back).
    func advance(by delta: Int64) { milliseconds.withLock { $0 += max(0, delta) } }

    /// Moves time forward to `instant` when it is later.
    func advance(to instant: Int64) { milliseconds.withLock { $0 = max($0, instant) } }

    /// Link clocks that read the true time (the staff's, whose clocks are right).
    var linkClocks: LinkClocks { LinkClocks(wall: { [self] in now }, monotonic: { [self] in now }) }
}

/// One kiosk's clocks: its wall clock is the true time plus an error (``FaultKind/clockSkew``), which outlives a crash
/// (it is the machine's); its monotonic clock is the true time.
final class KioskClock: Sendable {
    let truth: SimClock
    private let error = Mutex<Int64>(0)

    init(truth: SimClock) { self.truth = truth }

    /// How far the wall clock is from the true time now (ms; positive: ahead).
    var errorMilliseconds: Int64 {
        get { error.withLock { $0 } }
        set { error.withLock { $0 = newValue } }
    }

    /// What the kiosk's wall clock reads.
    var wall: Int64 { truth.now + errorMilliseconds }

    /// The link's clocks: the wall clock with its error, the monotonic one without.
    var linkClocks: LinkClocks { LinkClocks(wall: { [self] in wall }, monotonic: { [truth] in truth.now }) }
}
