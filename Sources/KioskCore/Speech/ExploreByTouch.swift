/// Explore by touch, as phone screen readers do it (issue 18, item 7): a finger resting on or
/// sliding over the screen focuses the button under it (the runtime then reads its label); a
/// double tap anywhere chooses the focused button. A single quick tap focuses the button under it
/// once the double-tap window has passed without a second tap, so the first touch always speaks
/// while the two taps of a double tap may land anywhere.
///
/// Pure: the runtime hit-tests each touch position against the screen's layout and passes the
/// action under the finger (nil between buttons) with the time.
public struct ExploreByTouch: Sendable, Hashable {
    /// A touch held at least this long (or moved onto another button) explores rather than taps.
    public static let dwellMilliseconds: Int64 = 150
    /// The second tap of a double tap must start within this long of the first one's lift.
    public static let doubleTapMilliseconds: Int64 = 400

    /// What the finger did; positions come already resolved to the button under them.
    public enum Input: Sendable, Hashable {
        /// The finger touched the screen over `button`.
        case down(Action?, at: Timestamp)
        /// The finger moved, now over `button`.
        case move(Action?, at: Timestamp)
        /// Time passed with the finger down and still (the runtime ticks while a touch lasts).
        case hold(at: Timestamp)
        /// The finger lifted.
        case up(at: Timestamp)
        /// Time passed with no finger on the screen (the runtime ticks between touches).
        case quiet(at: Timestamp)
    }

    /// What the runtime must do.
    public enum Output: Sendable, Hashable {
        /// Read this button's label (``SpeechScript/label(_:_:settings:now:)``): it has the focus now.
        case focus(Action)
        /// The citizen chose the focused button: press it, as a tap on it would.
        case activate(Action)
    }

    /// The button read last, which a double tap chooses.
    public private(set) var focused: Action?
    private var touch: Touch?
    /// A quick tap that may be the first of a double tap: when it lifted and what it landed on.
    private var pendingTap: PendingTap?

    /// The finger on the screen: since when, over which button, and whether it explores.
    private struct Touch: Sendable, Hashable {
        var start: Timestamp
        var under: Action?
        var exploring: Bool
    }
    private struct PendingTap: Sendable, Hashable {
        var lift: Timestamp
        var under: Action?
    }
    public init() {}

    /// Forget the focus (the screen changed: its buttons are not the ones read).
    public mutating func screenChanged() {
        focused = nil
        pendingTap = nil
    }

    /// Applies one input; returns what to say or press.
    public mutating func handle(_ input: Input) -> Output? {
        switch input {
        case .down(let button, let at):
            // A tap whose window passed unanswered focuses what it landed on.
            let single = pendingTap.flatMap { elapsed(from: $0.lift, to: at) > Self.doubleTapMilliseconds ? singleTap() : nil }
            touch = Touch(start: at, under: button, exploring: false)
            return single
        case .move(let button, let at):
            guard var current = touch else { return nil }
            if button != current.under { current.exploring = true }
            current.under = button
            touch = current
            return explore(at)
        case .hold(let at):
            return explore(at)
        case .quiet(let at):
            guard touch == nil, let pending = pendingTap, elapsed(from: pending.lift, to: at) > Self.doubleTapMilliseconds
            else { return nil }
            return singleTap()
        case .up(let at):
            guard let ended = touch else { return nil }
            touch = nil
            if ended.exploring || elapsed(from: ended.start, to: at) >= Self.dwellMilliseconds {
                pendingTap = nil
                return nil
            }
            // A quick tap: the second of a double tap chooses the focus, the first waits for it.
            if let previous = pendingTap, elapsed(from: previous.lift, to: ended.start) <= Self.doubleTapMilliseconds {
                pendingTap = nil
                return focused.map(Output.activate)
            }
            pendingTap = PendingTap(lift: at, under: ended.under)
            return nil
        }
    }

    /// The pending tap was a single one: the button it landed on takes the focus.
    private mutating func singleTap() -> Output? {
        let under = pendingTap?.under
        pendingTap = nil
        guard let button = under, button != focused else { return nil }
        focused = button
        return .focus(button)
    }

    /// Moves the focus to the button under a finger that explores; nil when it is already there.
    private mutating func explore(_ now: Timestamp) -> Output? {
        guard var current = touch else { return nil }
        if !current.exploring && elapsed(from: current.start, to: now) >= Self.dwellMilliseconds { current.exploring = true }
        touch = current
        guard current.exploring, let button = current.under, button != focused else { return nil }
        focused = button
        return .focus(button)
    }

    /// Milliseconds from `start` to `end`, saturating (clock values come from outside).
    private func elapsed(from start: Timestamp, to end: Timestamp) -> Int64 {
        let (difference, overflow) = end.millisecondsSinceEpoch.subtractingReportingOverflow(start.millisecondsSinceEpoch)
        return overflow ? (end.millisecondsSinceEpoch < start.millisecondsSinceEpoch ? .min : .max) : difference
    }
}
