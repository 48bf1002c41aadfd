/// The PIN pad's lockout, kept in the state directory so a restart does not undo it.
public struct PINLockout: Sendable, Hashable {
    /// Wrong PINs since the last lockout or success.
    public var wrongInARow: Int
    /// Lockouts since the last success: each one doubles the next lockout's length.
    public var level: Int
    /// The PIN pad takes no PIN before this moment.
    public var lockedUntil: Timestamp?

    public init(wrongInARow: Int = 0, level: Int = 0, lockedUntil: Timestamp? = nil) {
        self.wrongInARow = wrongInARow
        self.level = level
        self.lockedUntil = lockedUntil
    }
}

extension TechnicianSession {
    /// The lockout part of the session, as it is kept across restarts.
    public var lockout: PINLockout {
        get { PINLockout(wrongInARow: wrongInARow, level: lockouts, lockedUntil: lockedUntil) }
        set {
            wrongInARow = max(0, newValue.wrongInARow)
            lockouts = max(0, newValue.level)
            lockedUntil = newValue.lockedUntil
        }
    }
}

extension KioskFlow {
    /// The lockout kept from before a restart: a locked PIN pad stays locked.
    static func lockoutRestored(_ lockout: PINLockout, _ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        state.technician.lockout = lockout
        guard let until = lockout.lockedUntil, now < until else { return [] }
        return [.log(.warning, "PIN pad still locked from before the restart until \(until.millisecondsSinceEpoch / 1000) (Unix time, lockout \(lockout.level))")]
    }
}
