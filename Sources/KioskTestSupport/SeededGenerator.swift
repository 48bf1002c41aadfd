import KioskCore

/// The tests' seeded generator: KioskCore's ``SplitMix64``, so a failing random run replays from its seed.
public typealias SeededGenerator = SplitMix64
