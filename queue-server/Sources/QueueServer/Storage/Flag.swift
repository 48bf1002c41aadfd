import Synchronization

/// A flag that tasks set once and read: whether something has happened yet.
final class Flag: Sendable {
    private let state = Mutex(false)
    var isSet: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}
