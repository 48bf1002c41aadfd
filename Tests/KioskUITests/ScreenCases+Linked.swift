import KioskCore

extension Fixtures {
    /// Screens of a kiosk linked to a queue server, named like their golden images.
    static let linkedStates: [(String, KioskState)] = {
        var offline = ticket()
        offline.offline = true
        var offlineEnglish = ticket(.english)
        offlineEnglish.offline = true
        return [
            ("checking-number-id", state(.checking(.number(offline.id)))),
            ("ticket-offline-id", state(.ticket(offline, .printed))),
            ("ticket-offline-en", state(.ticket(offlineEnglish, .printing), .english)),
        ]
    }()
}
