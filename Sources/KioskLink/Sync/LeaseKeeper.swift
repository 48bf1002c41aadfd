import KioskCore
import KioskProtocol

/// Keeps a lease of numbers for each service (and each priority series), renewing it when it runs low.
public struct LeaseKeeper {
    private let client: QueueClient
    private let store: SyncStore
    private let size: Int
    private let lowWater: Int

    public init(client: QueueClient, store: SyncStore, size: Int, lowWater: Int) {
        self.client = client
        self.store = store
        self.size = size
        self.lowWater = lowWater
    }

    /// Asks for a new lease for each of `services` on `day` the core's rule names (``LinkPlan/leasesToRenew(_:lowWater:)``:
    /// `lowWater` or fewer numbers left), and forgets earlier days' leases. Stops at the first transport failure (throws);
    /// a service the server will not lease for (quota used up) is skipped. The same for the priority series of
    /// `prioritySeries` (the services whose catalogue entry gives one). Returns leases taken.
    @discardableResult
    public func renew(_ services: [ServiceID], day: String, prioritySeries: [ServiceID] = []) throws -> Int {
        try store.expireLeases(before: day)
        var taken = 0
        for (series, ids) in [(NumberSeries.general, services), (.priority, prioritySeries)] {
            let left = try ids.map { (service: $0, numbers: try store.leasedNumbersLeft(service: $0, day: day, series: series)) }
            for service in LinkPlan.leasesToRenew(left, lowWater: lowWater) {
                guard let lease = try lease(service, day: day, series: series) else { continue }
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
