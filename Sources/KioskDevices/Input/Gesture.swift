/// What a finger on the glass meant, for the runtime to pass on to the core.
public enum Gesture: Sendable, Equatable {
    /// A touch that lifted before the long-press time without moving past the slop; at the
    /// touch-down point, timed at the lift.
    case tap(TouchPoint)
    /// A touch held still past the long-press time; at the touch-down point, timed when recognised.
    case longPress(TouchPoint)
    /// A long press lifted: at the touch-down point, timed at the lift, held `milliseconds` in all
    /// (the technician's hidden gesture counts how long each corner is held).
    case held(TouchPoint, milliseconds: Int)
    /// A touch that moved past the slop: `began`, then `moved` for each change, then `ended`;
    /// `dx`, `dy` are screen pixels since the previous report (for `began`: since touch-down).
    case drag(DragPhase, TouchPoint, dx: Int, dy: Int)
    /// A contact held past the stuck-contact limit (a ghost touch, a sticker on the glass): it is
    /// ignored from now on, so other touches work again.
    case contactDropped(TouchPoint, heldMilliseconds: Int)

    /// Where and when the gesture happened.
    public var point: TouchPoint {
        switch self {
        case .tap(let point), .longPress(let point), .drag(_, let point, _, _), .contactDropped(let point, _),
            .held(let point, _):
            point
        }
    }
}

/// The phases of a drag.
public enum DragPhase: String, Sendable {
    case began, moved, ended
}

/// A screen pixel and a time in microseconds (the clock the caller fed in).
public struct TouchPoint: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var time: Int64

    public init(x: Int, y: Int, time: Int64) {
        self.x = x
        self.y = y
        self.time = time
    }

    /// The point as a ``Tap``, without its time.
    public var tap: Tap { Tap(x: x, y: y) }
}
