/// Which of the conditions a watch hears between jobs it reports, so a sensor that flaps (a roll's
/// end wobbling at the paper sensor sends dozens of Automatic Status Back blocks a second) is told
/// once, not at every flap, while a printer that stops is told at once.
///
/// The first condition is reported at once, and so is every change from one that prints to one
/// that cannot (the next citizen is refused without delay). Every other change (back to printing,
/// between two faults, ready and near end) is reported only once it held for ``holdSeconds``: a
/// flapping paper sensor therefore reads paper-out until it stays put.
public struct PrinterConditionSettling: Sendable {
    /// How long a change other than a stop must hold before it is reported.
    public static let holdSeconds = 0.5

    /// The condition last reported; nil before the first.
    public private(set) var reported: PrinterCondition?
    private var pending: (condition: PrinterCondition, since: Double)?

    public init() {}

    /// Monotonic seconds at which a change heard but not yet reported will have held long enough; nil when none waits.
    public var due: Double? { pending.map { $0.since + Self.holdSeconds } }

    /// Takes `condition`, heard at monotonic `now`; returns what to report now, if anything.
    public mutating func heard(_ condition: PrinterCondition, at now: Double) -> PrinterCondition? {
        guard let last = reported else { return report(condition) }
        guard condition != last else {
            pending = nil
            return nil
        }
        if last.canPrint && !condition.canPrint { return report(condition) }
        if pending?.condition != condition { pending = (condition, now) }
        return settled(at: now)
    }

    /// The change that waited, once it held for ``holdSeconds`` by `now`; nil otherwise.
    public mutating func settled(at now: Double) -> PrinterCondition? {
        guard let pending, now >= pending.since + Self.holdSeconds else { return nil }
        return report(pending.condition)
    }

    private mutating func report(_ condition: PrinterCondition) -> PrinterCondition {
        reported = condition
        pending = nil
        return condition
    }
}
