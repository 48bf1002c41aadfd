/// Estimated wait: people ahead × the median of the service's recent service times.
enum WaitEstimate {
    /// Service times (seconds) considered: the most recent this many.
    static let window = 20

    /// Minutes, rounded up; nil (unknown) when the service has no history yet.
    static func minutes(peopleAhead: Int, recentServiceSeconds: [Int]) -> Int? {
        guard let median = median(recentServiceSeconds) else { return nil }
        let seconds = peopleAhead * median
        return (seconds + 59) / 60
    }

    /// The median, the lower middle of an even count; nil for no samples.
    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        return values.sorted()[(values.count - 1) / 2]
    }
}
