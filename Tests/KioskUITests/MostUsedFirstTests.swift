import KioskCore
import Testing

@testable import KioskUI

/// "Most-used services of the day first" (issue 18, item 1), where the operator enables it: the services
/// screen puts the day's most issued first, ties in catalogue order; off, the catalogue's order.
@Suite struct MostUsedFirstTests {
    @Test(arguments: Fixtures.sizes)
    func theDaysMostIssuedServicesComeFirstWhereEnabled(_ size: ScreenSize) throws {
        var settings = Fixtures.settings(size)
        var state = Fixtures.state(.services(Fixtures.civilRegistry, page: 0))
        state.lastSequence = [ServiceID("akta-kelahiran"): 12, Fixtures.familyCard: 6, ServiceID("kia"): 12]
        let renderer = try Fixtures.renderer(size)
        func shown() -> [Action] {
            renderer.layout(state, settings: settings, now: Fixtures.now).buttons.map(\.action).filter {
                if case .chooseService = $0 { true } else { false }
            }
        }
        let catalogueOrder = Fixtures.catalogue.agency(Fixtures.civilRegistry)!.services.map { Action.chooseService($0.id) }
        #expect(shown() == Array(catalogueOrder.prefix(shown().count)))
        settings.mostUsedServicesFirst = true
        #expect(Array(shown().prefix(3)) == [.chooseService(ServiceID("akta-kelahiran")), .chooseService(ServiceID("kia")), .chooseService(Fixtures.familyCard)])
        // Another day's counts do not count.
        state.day = "2025-01-13"
        #expect(shown() == Array(catalogueOrder.prefix(shown().count)))
    }
}
