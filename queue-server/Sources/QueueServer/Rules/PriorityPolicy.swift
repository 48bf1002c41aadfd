/// Which waiting ticket a counter calls: priority tickets take every `every`-th call.
///
/// With `every = 3`, a counter with both kinds waiting calls normal, normal, priority, normal,
/// normal, priority… A kind with nobody waiting never holds the other back.
struct PriorityPolicy: Sendable, Equatable {
    /// 1 calls priority tickets first whenever any wait.
    var every: Int

    /// Whether the next call takes the oldest priority ticket rather than the oldest normal one.
    func callPriority(callsSincePriority: Int, priorityWaiting: Bool, normalWaiting: Bool) -> Bool {
        guard priorityWaiting else { return false }
        guard normalWaiting else { return true }
        return callsSincePriority + 1 >= every
    }
}
