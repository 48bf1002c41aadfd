import KioskProtocol

/// A kiosk's report that no paper came out of a ticket (`failed`): nobody holds it, so it is voided, unless staff
/// already served someone under its number.
enum FailedPrint {
    /// The states a failed report voids: waiting, and called or marked no-show before the report came (its kiosk was
    /// cut off from the server until after the hold of a ticket awaiting its print, ``LateAnswer/holdMs``, had ended).
    static let voidableStates: Set<String> = Set([TicketState.waiting, .called, .noShow].map(\.rawValue))
}
