/// What the core knows of a linked kiosk's queue server link, as the link's workers last reported
/// it (``Event/linkReported(serverAnswers:canNumberOffline:)``, ``Event/catalogueArrived(version:)``).
/// A standalone kiosk never hears of it and keeps the defaults.
public struct LinkState: Sendable, Hashable {
    /// Whether the server answered the link's last round; nil until a round has ended (trusted
    /// meanwhile, as an unknown printer is).
    public var serverAnswers: Bool?
    /// A ticket can be numbered offline: a leased number is left, or the server has assigned the
    /// kiosk its fallback mark (docs/ticket-identity.md).
    public var canNumberOffline = true
    /// A catalogue from the server, by its version, waiting to take effect when the kiosk is next on its first screen.
    public var waitingCatalogue: String?

    public init() {}

    /// No ticket can be numbered: the server does not answer, and no lease or mark lets the kiosk number offline.
    public var cannotNumber: Bool { serverAnswers == false && !canNumberOffline }
}
