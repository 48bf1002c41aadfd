/// SplitMix64: a small, fast generator whose whole state is one seed, so a random run (kiosk-sim's day, a fuzz
/// case, a Jepsen-style schedule of taps, faults and kills) replays from its seed. The product itself draws from the
/// system's generator; kiosk-sim and the tests draw from this one.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator of its own for one actor of a run (a kiosk, the counter), so threads do not share one.
    public func split(_ actor: UInt64) -> SplitMix64 { SplitMix64(seed: state ^ (actor &* 0x9E37_79B9_7F4A_7C15)) }
}
