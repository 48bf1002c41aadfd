/// The number series a ticket of a service takes: the service's own, or its priority series when the
/// catalogue gives the service one (`prioritySeries`) and the citizen asked for priority.
///
/// Each series has its own daily sequence from 1, so a priority ticket (`AP-003`) does not consume a
/// number of the general series (`A-…`). A service's daily quota counts both series together.
public enum NumberSeries: String, Sendable, Hashable, CaseIterable {
    case general
    case priority
}

extension Service {
    /// The series a ticket with `priority` takes: `.priority` only when the service has a priority series.
    public func series(for priority: TicketPriority?) -> NumberSeries { series(priority: priority != nil) }

    /// The series a ticket takes, priority or not: `.priority` only when the service has a priority series.
    public func series(priority: Bool) -> NumberSeries { priority && priorityPrefix != nil ? .priority : .general }

    /// The series whose prefix `number` carries (`AP-003` is the priority series of a service whose
    /// `priorityPrefix` is `AP`); nil when it carries neither of the service's prefixes.
    public func series(ofNumber number: String) -> NumberSeries? {
        if let priorityPrefix, number.hasPrefix(priorityPrefix + "-") { return .priority }
        return number.hasPrefix(prefix + "-") ? .general : nil
    }

    /// The prefix of `series`; the general prefix for a service without a priority series.
    public func prefix(of series: NumberSeries) -> String {
        switch series {
        case .general: prefix
        case .priority: priorityPrefix ?? prefix
        }
    }
}
