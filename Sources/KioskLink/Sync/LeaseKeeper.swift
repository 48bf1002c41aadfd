import KioskCore
import KioskProtocol
import Synchronization

/// Keeps a lease of numbers for each service (and each priority series), renewing it when it runs low.
/// A lease the server refused is not asked again until ``LeaseRefusals`` says so (its copies share what it remembers).
public struct LeaseKeeper {
    private let client: QueueClient
    private let store: SyncStore
    private let size: Int
    private let lowWater: Int
    private let clocks: LinkClocks
    private let refusals: Refusals

    /// The refusals remembered, shared by the copies of one keeper.
    private final class Refusals: Sendable {
        let rule: Mutex<LeaseRefusals>
        init(_ rule: LeaseRefusals) { self.rule = Mutex(rule) }
    }

    /// `clocks`' monotonic clock times the wait after a refusal (`refusals`' rule).
    public init(
        client: QueueClient, store: SyncStore, size: Int, lowWater: Int, clocks: LinkClocks = .system, refusals: LeaseRefusals = LeaseRefusals()
    ) {
        self.client = client
        self.store = store
        self.size = size
        self.lowWater = lowWater
        self.clocks = clocks
        self.refusals = Refusals(refusals)
    }

    /// A new catalogue took effect: leases it refused are asked again.
    public func catalogueChanged() {
        refusals.rule.withLock { $0.catalogueChanged() }
    }

    /// Asks for a new lease for each of `services` on `day` the core's rule names (``LinkPlan/leasesToRenew(_:lowWater:)``:
    /// `lowWater` or fewer numbers left), and forgets earlier days' leases. Stops at the first transport failure (throws);
    /// a service the server will not lease for (quota used up, closed) is skipped, and not asked again until the day or the
    /// catalogue changes or minutes pass (``LeaseRefusals``). The same for the priority series of
    /// `prioritySeries` (the services whose catalogue entry gives one). Returns leases taken.
    @discardableResult
    public func renew(_ services: [ServiceID], day: String, prioritySeries: [ServiceID] = []) throws -> Int {
        try store.expireLeases(before: day)
        var taken = 0
        for (series, ids) in [(NumberSeries.general, services), (.priority, prioritySeries)] {
            let leased = try ids.isEmpty ? [:] : store.leasedNumbersLeftByService(day: day, series: series)
            let left = ids.map { (service: $0, numbers: leased[$0] ?? 0) }
            for service in LinkPlan.leasesToRenew(left, lowWater: lowWater) {
                let now = clocks.monotonic()
                guard refusals.rule.withLock({ $0.mayAsk(service, series: series, day: day, now: now) }) else { continue }
                guard let lease = try lease(service, day: day, series: series) else {
                    refusals.rule.withLock { $0.refused(service, series: series, day: day, at: now) }
                    continue
                }
                refusals.rule.withLock { $0.granted(service, series: series) }
                try store.addLease(lease)
                taken += 1
            }
        }
        return taken
    }

    /// A new lease, or nil when the server refuses one (4xx, e.g. the quota is used up).
    private func lease(_ service: ServiceID, day: String, series: NumberSeries) throws(QueueClientError) -> Lease? {
        do {
            let asked = series == .general ? nil : series.rawValue
            return try client.lease(LeaseRequest(serviceId: service.rawValue, day: day, count: size, series: asked))
        } catch {
            guard case .problem(let problem) = error, problem.status < 500 else { throw error }
            return nil
        }
    }
}
