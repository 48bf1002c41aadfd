/// The link's decisions that are not a citizen's ticket: whether any number can be given at all, and
/// when a catalogue from the server takes effect. The link's workers report facts; the core decides.
extension KioskFlow {
    /// The link's last round ended: the first screen says at once when no number can be given
    /// (server silent, no lease, no mark), and stops saying so when the server answers or a lease comes.
    static func linkReported(serverAnswers: Bool, canNumberOffline: Bool, _ state: inout KioskState) -> [Effect] {
        let before = state.link.cannotNumber
        state.link.serverAnswers = serverAnswers
        state.link.canNumberOffline = canNumberOffline
        guard state.link.cannotNumber != before else { return [] }
        return state.link.cannotNumber
            ? [.log(.warning, "queue server not answering and no leased number or fallback mark: no number can be issued")]
            : [.log(.info, "queue server link: numbers can be issued again")]
    }

    /// A catalogue arrived; it takes effect between citizens (``takeUpCatalogue(_:)``).
    static func catalogueArrived(_ version: String, _ state: inout KioskState) {
        state.link.waitingCatalogue = version
    }

    /// The waiting catalogue takes effect once the kiosk is on its first screen, never mid-journey.
    static func takeUpCatalogue(_ state: inout KioskState) -> [Effect] {
        guard let version = state.link.waitingCatalogue, state.screen == .home else { return [] }
        state.link.waitingCatalogue = nil
        return [.useCatalogue(version: version)]
    }
}
