import Foundation
import KioskCore
import Synchronization

/// The one seeded generator that decides everything in a run: arrivals, choices, faults, latencies,
/// crashes, ticket ids. Used from the simulation's one thread, in a fixed order, so a seed replays.
final class Dice: Sendable {
    private let generator: Mutex<SplitMix64>

    init(seed: UInt64) { generator = Mutex(SplitMix64(seed: seed)) }

    /// Runs `body` with the generator (for APIs that take one, such as ``Backoff``).
    func with<T>(_ body: (inout SplitMix64) -> T) -> T { generator.withLock { body(&$0) } }

    /// True with probability `p`.
    func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniform number in [0, 1).
    func unit() -> Double { with { Double($0.next() >> 11) / Double(UInt64(1) << 53) } }

    /// A uniform integer in `range`.
    func int(_ range: ClosedRange<Int64>) -> Int64 { with { Int64.random(in: range, using: &$0) } }

    /// An exponentially distributed wait with mean `mean` (ms), at least 1.
    func exponential(mean: Double) -> Int64 {
        let u = max(unit(), 1e-12)
        return max(1, Int64(min(-mean * log(u), 1e12)))
    }

    /// An index into `weights`, chosen in proportion to them (all ≥ 0, not all 0).
    func weighted(_ weights: [Double]) -> Int {
        var left = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            left -= weight
            if left < 0 { return index }
        }
        return weights.count - 1
    }

    /// 16 random bytes, for a ticket id.
    func bytes16() -> [UInt8] {
        with { generator in
            let a = generator.next(), b = generator.next()
            return (0..<8).map { UInt8(truncatingIfNeeded: a >> ($0 * 8)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> ($0 * 8)) }
        }
    }
}
