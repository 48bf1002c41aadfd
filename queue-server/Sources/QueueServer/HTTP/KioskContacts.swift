import Synchronization

/// Tells the store when a kiosk is heard (``QueueStore/kioskHeard(_:now:)``), at most once per
/// ``resolutionMs`` per kiosk from this process: a write per request would double the writer's work while
/// kiosks issue. The store's record is then at most that much behind the kiosk's last request, far inside a
/// silence (``KioskSilence/limitMs``); another process, or this one after a restart, reads it from the store.
final class KioskContacts: Sendable {
    /// How far behind the kiosk's last request the store's record may be.
    static let resolutionMs: Int64 = 10_000

    /// When this process last told the store it heard each kiosk.
    private let told = Mutex<[String: Int64]>([:])

    /// Records that `kiosk` made a request at `now`, unless this process did so less than ``resolutionMs`` before.
    func heard(_ kiosk: String, now: Int64, store: any QueueStore) async throws {
        let recent = told.withLock { told in told[kiosk].map { (0..<Self.resolutionMs).contains(now &- $0) } ?? false }
        if recent { return }
        try await store.kioskHeard(kiosk, now: now)
        told.withLock { $0[kiosk] = now }
    }
}
