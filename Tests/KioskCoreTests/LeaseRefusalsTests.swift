import Testing

@testable import KioskCore

/// A refused lease is not asked again every round (issue 17's lease storm: 129,045 lease requests for 90
/// citizens), only when the day or the catalogue changed or minutes passed.
@Suite struct LeaseRefusalsTests {
    let service = ServiceID("disdukcapil-ktp")

    @Test func aRefusedLeaseIsNotAskedAgainWithinTheBackoff() {
        var refusals = LeaseRefusals()
        #expect(refusals.mayAsk(service, series: .general, day: "2026-12-02", now: 1_000), "nothing refused yet")
        refusals.refused(service, series: .general, day: "2026-12-02", at: 1_000)
        #expect(!refusals.mayAsk(service, series: .general, day: "2026-12-02", now: 1_001))
        #expect(!refusals.mayAsk(service, series: .general, day: "2026-12-02", now: 1_000 + 5 * 60_000 - 1))
        #expect(refusals.mayAsk(service, series: .general, day: "2026-12-02", now: 1_000 + 5 * 60_000), "five minutes later")
        #expect(refusals.mayAsk(service, series: .priority, day: "2026-12-02", now: 1_001), "the other series was not refused")
        #expect(refusals.mayAsk(ServiceID("other"), series: .general, day: "2026-12-02", now: 1_001), "nor another service")
    }

    @Test func aNewDayACatalogueOrAGrantedLeaseEndsTheWait() {
        var refusals = LeaseRefusals()
        refusals.refused(service, series: .general, day: "2026-12-02", at: 1_000)
        #expect(refusals.mayAsk(service, series: .general, day: "2026-12-03", now: 2_000), "the next day")
        refusals.catalogueChanged()
        #expect(refusals.mayAsk(service, series: .general, day: "2026-12-02", now: 2_000), "a new catalogue")
        refusals.refused(service, series: .priority, day: "2026-12-02", at: 3_000)
        refusals.granted(service, series: .priority)
        #expect(refusals.mayAsk(service, series: .priority, day: "2026-12-02", now: 3_001))
    }

    @Test func aClockThatWentBackOrHostileMomentsAskRatherThanWaitForEver() {
        var refusals = LeaseRefusals()
        refusals.refused(service, series: .general, day: "2026-12-02", at: 10_000)
        #expect(refusals.mayAsk(service, series: .general, day: "2026-12-02", now: 9_999))
        refusals.refused(service, series: .general, day: "2026-12-02", at: Int64.min)
        #expect(refusals.mayAsk(service, series: .general, day: "2026-12-02", now: Int64.max))
        refusals.refused(service, series: .general, day: "2026-12-02", at: Int64.max)
        #expect(refusals.mayAsk(service, series: .general, day: "2026-12-02", now: Int64.min))
    }
}
