import KioskCore
import Testing

@testable import KioskUI

/// Every button of the scanning and priority screens is where a finger finds it, inside the screen.
/// (The service screen's priority button is checked with the other service-screen buttons in HitTestingTests.)
@Suite struct ScanningHitTests {
    static let cases: [(Screen, [Action])] = [
        (.booking(Fixtures.booking()), [.back, .takeBookedTicket]),
        (
            .priorityChoice,
            [.chooseLanguage(.indonesian), .chooseLanguage(.english)] + TicketPriority.allCases.map { Action.choosePriority($0) }
                + [.choosePriority(nil), .back]
        ),
        (.ticketStatus(Fixtures.ticket()), [.done]),
        (.scanNotice(.bookingUnknown), [.back]),
        (.checking(.booking(Fixtures.bookingCode)), []),
    ]

    @Test(arguments: Fixtures.sizes + [Fixtures.small])
    func eachButtonAnswersATapAtItsCentre(_ size: ScreenSize) throws {
        let renderer = try Fixtures.renderer(size)
        for (screen, actions) in Self.cases {
            let layout = renderer.layout(Fixtures.state(screen), settings: Fixtures.settings(size), now: Fixtures.now)
            #expect(layout.buttons.map(\.action) == actions, "\(screen)")
            for button in layout.buttons {
                let frame = button.frame
                #expect(frame.x >= 0 && frame.y >= 0 && frame.maxX <= size.width && frame.maxY <= size.height)
                #expect(layout.action(atX: frame.x + frame.width / 2, y: frame.y + frame.height / 2) == button.action)
            }
        }
    }
}
