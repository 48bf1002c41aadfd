import Synchronization

/// The run's ``Trace``, shared by the parts that add to it (all on the simulation's one thread), stamped
/// with simulated time.
final class TraceLog: Sendable {
    private let trace = Mutex(Trace())
    private let clock: SimClock

    init(clock: SimClock) { self.clock = clock }

    func add(_ line: String, tickets: [String] = []) {
        let now = clock.now
        trace.withLock { $0.add(now, line, tickets: tickets) }
    }

    var hash: String { trace.withLock { $0.hexHash } }
    var lines: Int { trace.withLock { $0.lines } }
    func shortened(about tickets: [String]) -> [String] { trace.withLock { $0.shortened(about: tickets) } }
    func dayJudged() { trace.withLock { $0.dayJudged() } }
}
