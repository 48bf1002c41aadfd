import Testing

@testable import KioskCore

/// The link supervisor's schedule (issue 17), on a fake monotonic clock in milliseconds.
@Suite struct LinkScheduleTests {
    @Test func theFirstRoundFetchesTheCatalogueAndSendsAHeartbeatThenEachWaitsItsPeriod() {
        var schedule = LinkSchedule(heartbeatSeconds: 30, catalogueSeconds: 300)
        let first = schedule.round(at: 5_000, syncAsked: false, tickets: 0, surveys: 0)
        #expect(first == LinkSchedule.Round(fetchCatalogue: true, sendTickets: false, sendSurveys: false, heartbeat: true))
        #expect(first.renewLeases)
        schedule.finished(.catalogueFetched, roundStartedAt: 5_000)
        schedule.finished(.heartbeatSent, roundStartedAt: 5_000)
        #expect(schedule.succeeded() == 1000)

        let quiet = schedule.round(at: 6_000, syncAsked: false, tickets: 0, surveys: 0)
        #expect(!quiet.fetchCatalogue && !quiet.heartbeat)
        #expect(!schedule.round(at: 34_999, syncAsked: false, tickets: 0, surveys: 0).heartbeat)
        #expect(schedule.round(at: 35_000, syncAsked: false, tickets: 0, surveys: 0).heartbeat, "30 s after the round that sent it")
        #expect(!schedule.round(at: 304_999, syncAsked: false, tickets: 0, surveys: 0).fetchCatalogue)
        #expect(schedule.round(at: 305_000, syncAsked: false, tickets: 0, surveys: 0).fetchCatalogue, "5 minutes after the last fetch")
    }

    @Test func aTechniciansSyncSendsAHeartbeatAtOnceAndTheOutboxesGoWhenSomethingWaits() {
        var schedule = LinkSchedule(heartbeatSeconds: 30)
        schedule.finished(.catalogueFetched, roundStartedAt: 0)
        schedule.finished(.heartbeatSent, roundStartedAt: 0)
        #expect(schedule.round(at: 1_000, syncAsked: true, tickets: 0, surveys: 0).heartbeat)
        #expect(schedule.round(at: 1_000, syncAsked: false, tickets: 3, surveys: 0).sendTickets)
        #expect(!schedule.round(at: 1_000, syncAsked: false, tickets: 3, surveys: 0).sendSurveys)
        #expect(schedule.round(at: 1_000, syncAsked: false, tickets: 0, surveys: 1).sendSurveys)
    }

    @Test func aFetchedCatalogueIsNotFetchedAgainWhenALaterStepOfItsRoundFails() {
        var schedule = LinkSchedule(heartbeatSeconds: 30)
        var generator = SystemRandomNumberGenerator()
        schedule.finished(.catalogueFetched, roundStartedAt: 1_000)
        _ = schedule.failed(using: &generator)  // the heartbeat failed
        let retry = schedule.round(at: 1_100, syncAsked: false, tickets: 0, surveys: 0)
        #expect(!retry.fetchCatalogue)
        #expect(retry.heartbeat, "the heartbeat that failed is still due")
    }

    @Test func failuresBackOffWithFullJitterUpToTheCapAndASuccessStartsOver() {
        var schedule = LinkSchedule(heartbeatSeconds: 30)
        var generator = SystemRandomNumberGenerator()
        var ceilings: [Int] = []
        for _ in 0..<8 {
            ceilings.append(schedule.backoff.ceilingMilliseconds)
            // Many draws at this ceiling, from copies: each waits between the shortest retry and the ceiling.
            let waits = (0..<200).map { _ in
                var probe = schedule
                return probe.failed(using: &generator)
            }
            #expect(waits.allSatisfy { (100...ceilings.last!).contains($0) })
            #expect(Set(waits).count > 50, "the waits are jittered")
            _ = schedule.failed(using: &generator)
        }
        #expect(ceilings == [500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000])
        #expect(schedule.succeeded() == 1000)
        #expect(schedule.backoff.ceilingMilliseconds == 500)
    }

    @Test func aHostileHeartbeatPeriodSaturatesInsteadOfTrapping() {
        var schedule = LinkSchedule(heartbeatSeconds: .max)
        #expect(schedule.heartbeatMilliseconds == .max)
        schedule.finished(.heartbeatSent, roundStartedAt: .max - 1)
        #expect(!schedule.round(at: .max - 1, syncAsked: false, tickets: 0, surveys: 0).heartbeat)
    }
}
