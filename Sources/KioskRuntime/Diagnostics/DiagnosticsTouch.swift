import KioskCore
import KioskDevices

/// Which touches the Touch screens see as points: taps and drags, while one of them is open.
enum DiagnosticsTouch {
    /// The touch point `gesture` makes on `screen`, or nil when no Touch screen is open.
    static func event(for gesture: Gesture, on screen: Screen) -> Event? {
        guard case .diagnostics(let open) = screen, [.touch, .touchTargets, .calibration].contains(open) else { return nil }
        switch gesture {
        case .tap(let point): return .touchPoint(x: point.x, y: point.y, .tap)
        case .drag(.began, let point, _, _): return .touchPoint(x: point.x, y: point.y, .dragBegan)
        case .drag(.moved, let point, _, _): return .touchPoint(x: point.x, y: point.y, .dragMoved)
        case .drag(.ended, let point, _, _): return .touchPoint(x: point.x, y: point.y, .dragEnded)
        case .longPress, .held, .contactDropped: return nil
        }
    }
}
