/// Arithmetic on numbers that come from a device or a file, where any value can arrive:
/// results saturate at the type's ends instead of trapping.
enum Saturating {
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    static func subtract(_ a: Int64, _ b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? .max : .min) : difference
    }

    static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? ((a < 0) == (b < 0) ? .max : .min) : product
    }

    /// `a − b` for two 32-bit device values: always fits in 64 bits.
    static func distance(_ a: Int32, _ b: Int32) -> Int64 { Int64(a) - Int64(b) }

    /// `dx² + dy²` for 32-bit differences, saturated (each square is below 2^64, their sum may not fit `Int64`).
    static func squaredLength(_ dx: Int64, _ dy: Int64) -> Int64 {
        add(multiply(dx, dx), multiply(dy, dy))
    }
}

extension InputEvent {
    /// The kernel timestamp (`tv_sec`, `tv_usec`) in microseconds, saturated: a hostile record's
    /// seconds cannot overflow it.
    public var timeMicroseconds: Int64 {
        Saturating.add(Saturating.multiply(seconds, 1_000_000), microseconds)
    }
}
