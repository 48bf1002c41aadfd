/// Exponential backoff with full jitter: after `n` failures in a row the next try waits a random
/// time in `[0, min(cap, base × 2ⁿ)]`, so kiosks that lost the server together do not return together.
public struct Backoff: Sendable, Hashable {
    public var baseMilliseconds: Int
    public var capMilliseconds: Int
    public private(set) var failures = 0

    public init(baseMilliseconds: Int = 500, capMilliseconds: Int = 60_000) {
        self.baseMilliseconds = baseMilliseconds
        self.capMilliseconds = capMilliseconds
    }

    /// The longest wait the next failure may draw: `min(cap, base × 2ⁿ)` after `n` failures in a row.
    public var ceilingMilliseconds: Int { max(0, min(capMilliseconds, baseMilliseconds << min(failures, 20))) }

    /// Counts a failure and returns how long to wait before the next try.
    public mutating func failed(using generator: inout some RandomNumberGenerator) -> Int {
        let ceiling = ceilingMilliseconds
        failures += 1
        return Int.random(in: 0...ceiling, using: &generator)
    }

    /// Counts a success: the next failure starts from the base again.
    public mutating func succeeded() { failures = 0 }
}
