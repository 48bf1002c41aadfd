/// The kiosk software's version, as the heartbeat reports it.
enum KioskVersion {
    static let current = "0.1.0"
}
