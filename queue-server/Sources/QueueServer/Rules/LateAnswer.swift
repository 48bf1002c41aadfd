/// When an online answer came too late for the kiosk to print it (issue 11 #1).
///
/// The kiosk waits `answerWithinMs` for an answer, then prints a leased or fallback number under
/// the same ticket id. A ticket the server stores after that may exist on no paper under its online
/// number, so it is held (never called) until the kiosk confirms it printed it, syncs the number it
/// printed instead, or ``holdMs`` pass (a kiosk that did print it and never says so is not left out).
enum LateAnswer {
    /// How long a late ticket is held at most.
    static let holdMs: Int64 = 120_000
    /// Time the answer still needs after the commit: the way back and the kiosk reading it.
    static let marginMs: Int64 = 100
    /// A corrected kiosk clock this far before the arrival is not believed (a stale offset would
    /// otherwise hold every ticket); the arrival is then taken as the start of the wait.
    static let trustMs: Int64 = 30_000

    /// Whether the answer reaches the kiosk after its deadline. The kiosk started waiting no later
    /// than the request's arrival, and at its claimed moment when that is believable (a request held
    /// on its way shows as an early claim); `waited` is the time since the arrival (queueing for the
    /// writer included).
    static func isLate(answerWithinMs: Int, claimed: Int64, arrived: Int64, waited: Duration) -> Bool {
        let waitedMs = waited.components.seconds * 1000 + waited.components.attoseconds / 1_000_000_000_000_000
        let (early, earlyOverflow) = arrived.subtractingReportingOverflow(claimed)
        let started = !earlyOverflow && early <= trustMs ? min(claimed, arrived) : arrived
        let (answered, overflow) = arrived.addingReportingOverflow(waitedMs + marginMs)
        let (deadline, deadlineOverflow) = started.addingReportingOverflow(Int64(max(0, answerWithinMs)))
        guard !overflow, !deadlineOverflow else { return true }
        return answered > deadline
    }
}
