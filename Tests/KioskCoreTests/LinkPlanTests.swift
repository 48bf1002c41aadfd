import Testing

@testable import KioskCore

/// The link supervisor's rules (issue 17): lease renewal at the low-water mark, and the outbox strictly in order.
@Suite struct LinkPlanTests {
    @Test func onlyServicesAtOrBelowTheLowWaterMarkAreLeasedAgain() {
        let left: [(service: ServiceID, numbers: Int)] = [(ServiceID("a"), 0), (ServiceID("b"), 3), (ServiceID("c"), 4), (ServiceID("d"), 12)]
        #expect(LinkPlan.leasesToRenew(left, lowWater: 3) == [ServiceID("a"), ServiceID("b")])
        #expect(LinkPlan.leasesToRenew([], lowWater: 3).isEmpty)
    }

    @Test func theOutboxGoesOldestFirstTicketsTogetherAndEachPrintOutcomeAlone() {
        #expect(LinkPlan.next([]) == nil)
        #expect(LinkPlan.next([.printOutcome, .ticket, .ticket]) == .printOutcome)
        #expect(LinkPlan.next([.ticket, .ticket, .printOutcome, .ticket]) == .tickets(count: 2), "the outcome waits for its turn")
        #expect(LinkPlan.next([.ticket]) == .tickets(count: 1))
    }
}
