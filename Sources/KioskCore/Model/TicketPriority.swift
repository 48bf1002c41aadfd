/// Why a citizen may be served first. Staff verify it at the counter; the kiosk only records the claim.
public enum TicketPriority: String, Sendable, Hashable, CaseIterable {
    case elderly
    case disability
    case pregnant
    case nursing

    /// The name of this priority group, from the translation table.
    public var label: TextKey {
        switch self {
        case .elderly: .priorityElderly
        case .disability: .priorityDisability
        case .pregnant: .priorityPregnant
        case .nursing: .priorityNursing
        }
    }
}
