import KioskCore

/// When to ask the printer how it is while the kiosk is idle: gently (every 15 s) while it can
/// print, more often (every 3 s) while it cannot, so a refilled roll or a closed cover is noticed
/// soon; and at once when a citizen starts a journey. One poll at a time: the next is due only
/// after the last one answered.
struct PrinterPollSchedule {
    static let readyInterval: UInt64 = 15_000_000_000
    static let notReadyInterval: UInt64 = 3_000_000_000

    private var lastAnswer: UInt64 = 0
    private var lastCondition: PrinterCondition = .unknown
    private var waiting = true  // the poll at start

    /// Whether a poll should be sent at monotonic time `now`; if so, it counts as sent.
    mutating func isDue(at now: UInt64) -> Bool {
        guard !waiting else { return false }
        let interval = lastCondition.canPrint ? Self.readyInterval : Self.notReadyInterval
        guard now - lastAnswer >= interval else { return false }
        waiting = true
        return true
    }

    /// A citizen touched the first screen: whether to ask the printer now (unless a poll is out
    /// already), so a roll that just ended is known before the citizen is given a number.
    mutating func citizenArrived() -> Bool {
        guard !waiting else { return false }
        waiting = true
        return true
    }

    /// The printer answered (a poll, or a check around a job).
    mutating func reported(_ condition: PrinterCondition, at now: UInt64) {
        lastCondition = condition
        lastAnswer = now
        waiting = false
    }
}
