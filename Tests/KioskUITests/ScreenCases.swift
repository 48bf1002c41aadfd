import KioskCore
import Testing

@testable import KioskUI

/// One screen to check: a state shown at a size, named like its golden image.
struct ScreenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var size: ScreenSize
    var state: KioskState
    /// The moment the screen is shown (most at ``Fixtures/now``).
    var now: Timestamp = Fixtures.now
    /// The catalogue shown (most screens: ``Fixtures/catalogue``).
    var catalogue: Catalogue = Fixtures.catalogue
    /// The kiosk has the speech guidance (its first screen marks the spot).
    var speechGuidance = false
    /// A kiosk linked to a queue server (the survey's screens).
    var linked = false
    var testDescription: String { name }

    /// The flow's settings at this size, with this case's catalogue.
    var settings: FlowSettings {
        var settings = Fixtures.settings(size)
        settings.catalogue = catalogue
        settings.speechGuidance = speechGuidance
        settings.linked = linked
        return settings
    }
}

extension Fixtures {
    /// The smallest screen the kiosk supports.
    static let small = ScreenSize(width: 480, height: 480)

    /// Every screen kind at both sizes, in Indonesian and some in English, and a few at the smallest size.
    static let screenCases: [ScreenCase] =
        fullSizeCases + diagnosticsCases + categoryCases + letterCases + surveyCases
        + [
            ("home", state(.home)),
            ("services-1-id", state(.services(civilRegistry, page: 0))),
            ("ticket-failed-id", state(.ticket(ticket(), .failed))),
        ].map { ScreenCase(name: "small-\($0.0)", size: small, state: $0.1) }

    private static let fullSizeCases: [ScreenCase] = sizes.flatMap { size in
        let orientation = size.isPortrait ? "portrait" : "landscape"
        var printerDown = state(.home)
        printerDown.printer = .paperOut
        var priorityTicket = ticket(.english)
        priorityTicket.priority = .elderly
        var idle = state(.services(civilRegistry, page: 0))
        idle.idlePromptLeft = 7
        let states: [(String, KioskState)] = [
            ("home", state(.home)),
            ("home-en", state(.home, .english)),
            ("home-printer-down", printerDown),
            ("unavailable-full-id", state(.unavailable(identityCard))),
            ("unavailable-closed-en", state(.unavailable(deathCertificate), .english)),
            ("idle-prompt", idle),
            ("services-1-id", state(.services(civilRegistry, page: 0))),
            ("services-2-en", state(.services(civilRegistry, page: 1), .english)),
            ("ticket-printing-id", state(.ticket(ticket(), .printing))),
            ("ticket-printed-id", state(.ticket(ticket(), .printed))),
            ("ticket-failed-id", state(.ticket(ticket(), .failed))),
            ("ticket-printed-en", state(.ticket(ticket(.english), .printed), .english)),
            ("ticket-priority-en", state(.ticket(priorityTicket, .printed), .english)),
            ("notice-closed-id", state(.notice(.serviceClosed, returnTo: .services(civilRegistry, page: 0)))),
            ("notice-not-recorded-en", state(.notice(.notRecorded, returnTo: .home), .english)),
            ("notice-printer-down-id", state(.notice(.printerDown, returnTo: .home))),
            ("ticket-screen-only-id", state(.ticket(ticket(), .screenOnly))),
            ("ticket-uncertain-id", state(.ticket(ticket(), .uncertain))),
            ("notice-print-failed-id", state(.notice(.printFailedNoNumber, returnTo: .home))),
            ("notice-print-uncertain-en", state(.notice(.printUncertainNoNumber, returnTo: .home), .english)),
        ] + scanningStates + linkedStates
        // The calendar: a national holiday, an evening, and a kiosk that cannot serve.
        let timed: [(String, KioskState, Timestamp)] = [
            ("home-holiday", state(.home), holiday),
            ("services-1-holiday-id", state(.services(civilRegistry, page: 0)), holiday),
            ("services-1-holiday-en", state(.services(civilRegistry, page: 0), .english), holiday),
            ("home-closed-evening", state(.home), evening),
            ("out-of-service", state(.outOfService(reason: outOfServiceReason)), now),
        ]
        return states.map { ScreenCase(name: "\(orientation)-\($0.0)", size: size, state: $0.1) }
            + timed.map { ScreenCase(name: "\(orientation)-\($0.0)", size: size, state: $0.1, now: $0.2) }
    }
}
