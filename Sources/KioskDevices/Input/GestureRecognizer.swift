import KioskCore

/// Turns the primary contact's life (down, moves, up) into ``Gesture``s: tap, long press, drag,
/// with a tap slop in millimetres when the panel reports a resolution (screen pixels otherwise)
/// and a debounce that swallows a second tap on the same spot within a short window.
struct GestureRecognizer: Sendable {
    /// A position in both spaces: device units (for millimetres) and screen pixels.
    struct Position: Sendable {
        var device: (x: Int32, y: Int32)
        var screen: (x: Int, y: Int)
    }

    private enum Phase: Sendable {
        case pressing, longPressed, dragging
    }

    private let timings: GestureTimings
    /// Device units per millimetre on X and Y, or nil when the panel does not say.
    private let resolution: (x: Double, y: Double)?
    private var down: Position?
    private var downTime: Int64 = 0
    private var last: Position?
    private var phase = Phase.pressing
    /// The last tap reported (not the ones debounced), for the debounce window.
    private var lastTap: (position: Position, time: Int64)?
    /// False while the speech guidance is on: its double tap is two quick taps, often on one spot.
    var debounces = true

    init(timings: GestureTimings, resolution: (x: Int32, y: Int32)?) {
        self.timings = timings
        if let resolution, resolution.x > 0, resolution.y > 0 {
            self.resolution = (Double(resolution.x), Double(resolution.y))
        } else {
            self.resolution = nil
        }
    }

    /// True while a primary contact is being followed.
    var isTracking: Bool { down != nil }

    mutating func touchDown(_ position: Position, at time: Int64) {
        down = position
        last = position
        downTime = time
        phase = .pressing
    }

    /// The primary moved (or a frame passed with it still down).
    mutating func touchMoved(_ position: Position, at time: Int64) -> Gesture? {
        guard let down, let previous = last else { return nil }
        last = position
        switch phase {
        case .pressing:
            if exceedsSlop(down, position) {
                phase = .dragging
                return .drag(
                    .began, point(position, time), dx: position.screen.x - down.screen.x,
                    dy: position.screen.y - down.screen.y)
            }
            return longPressIfDue(at: time)
        case .dragging:
            let dx = position.screen.x - previous.screen.x, dy = position.screen.y - previous.screen.y
            return dx == 0 && dy == 0 ? nil : .drag(.moved, point(position, time), dx: dx, dy: dy)
        case .longPressed:
            return nil
        }
    }

    /// The primary lifted at `position`: a tap (unless debounced or it strayed past the slop), a
    /// late long press, or the end of a drag (with the last movement in `dx`, `dy`).
    mutating func touchUp(_ position: Position, at time: Int64) -> Gesture? {
        guard let down, let previous = last else { return nil }
        let phase = self.phase
        cancel()
        switch phase {
        case .dragging:
            return .drag(
                .ended, point(position, time), dx: position.screen.x - previous.screen.x,
                dy: position.screen.y - previous.screen.y)
        case .longPressed:
            let held = Saturating.subtract(time, downTime) / 1000
            return .held(point(down, time), milliseconds: Int(min(max(0, held), Int64(Int32.max))))
        case .pressing:
            if exceedsSlop(down, position) { return nil }
            if Saturating.subtract(time, downTime) >= longPressMicroseconds { return .longPress(point(down, time)) }
            if debounces, let lastTap, Saturating.subtract(time, lastTap.time) < debounceMicroseconds,
                !exceedsSlop(lastTap.position, down)
            {
                return nil
            }
            lastTap = (down, time)
            return .tap(point(down, time))
        }
    }

    /// Forgets the primary contact without a gesture (it was lost or dropped).
    mutating func cancel() {
        down = nil
        last = nil
        phase = .pressing
    }

    /// Time passed with no events: a still finger becomes a long press.
    mutating func advance(to time: Int64) -> Gesture? {
        guard down != nil, phase == .pressing else { return nil }
        return longPressIfDue(at: time)
    }

    private mutating func longPressIfDue(at time: Int64) -> Gesture? {
        guard let down, Saturating.subtract(time, downTime) >= longPressMicroseconds else { return nil }
        phase = .longPressed
        return .longPress(point(down, time))
    }

    private func exceedsSlop(_ from: Position, _ to: Position) -> Bool {
        if let resolution {
            // Device values are any Int32: their difference needs 33 bits.
            let dx = Double(Saturating.distance(to.device.x, from.device.x)) / resolution.x
            let dy = Double(Saturating.distance(to.device.y, from.device.y)) / resolution.y
            return dx * dx + dy * dy >= timings.tapSlopMillimetres * timings.tapSlopMillimetres
        }
        let dx = Int64(to.screen.x - from.screen.x), dy = Int64(to.screen.y - from.screen.y)
        let slop = Int64(timings.tapSlopPixels)
        return Saturating.squaredLength(dx, dy) >= Saturating.multiply(slop, slop)
    }

    private var longPressMicroseconds: Int64 { Saturating.multiply(Int64(timings.longPressMilliseconds), 1000) }
    private var debounceMicroseconds: Int64 { Saturating.multiply(Int64(timings.debounceMilliseconds), 1000) }

    private func point(_ position: Position, _ time: Int64) -> TouchPoint {
        TouchPoint(x: position.screen.x, y: position.screen.y, time: time)
    }
}
