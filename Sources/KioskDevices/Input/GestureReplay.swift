import KioskCore

/// Replays a recording through the kiosk's touch path, on the recording's own clock.
public enum GestureReplay {
    /// What a replay needs besides the recording.
    public struct Setup: Sendable {
        public var screen: ScreenSize
        public var matrix: CalibrationMatrix
        public var timings: GestureTimings

        public init(screen: ScreenSize, matrix: CalibrationMatrix = .identity, timings: GestureTimings = GestureTimings()) {
            self.screen = screen
            self.matrix = matrix
            self.timings = timings
        }
    }

    /// A recording without the axis ranges a replay needs.
    public struct MissingAxes: Error, CustomStringConvertible {
        public var description: String {
            "the recording has no A: lines for ABS_MT_POSITION_X/Y or ABS_X/Y (a recording of a FIFO or file has "
                + "none): add \"A: 35 MIN MAX 0 0 0\" and \"A: 36 MIN MAX 0 0 0\" lines, or record the device node itself"
        }
    }

    /// The gestures `recording` makes, timed in microseconds since its first event.
    /// - Throws: ``MissingAxes`` if the recording does not say its axis ranges.
    public static func gestures(_ recording: EvemuRecording, setup: Setup) throws(MissingAxes) -> [Gesture] {
        guard let xRange = recording.xRange, let yRange = recording.yRange else { throw MissingAxes() }
        var input = TouchInput(
            transform: TouchTransform(xRange: xRange, yRange: yRange, screen: setup.screen, matrix: setup.matrix),
            resolution: recording.resolution, timings: setup.timings)
        let start = recording.events.first?.timeMicroseconds ?? 0
        var gestures: [Gesture] = []
        for event in recording.events {
            let time = offset(of: event, since: start)
            gestures += input.advance(to: time)
            if let gesture = input.feed(event, at: time) { gestures.append(gesture) }
        }
        return gestures
    }

    /// One JSON object per gesture, as `kioskctl input replay` prints it:
    /// `{"gesture":"tap","x":540,"y":960,"t":1.234}` (t in seconds since the first event).
    public static func jsonLine(_ gesture: Gesture) -> String {
        let point = gesture.point
        var fields: [String]
        switch gesture {
        case .tap: fields = [#""gesture":"tap""#]
        case .longPress: fields = [#""gesture":"longPress""#]
        case .held(_, let milliseconds): fields = [#""gesture":"held""#, #""heldMs":\#(milliseconds)"#]
        case .drag(let phase, _, let dx, let dy):
            fields = [#""gesture":"drag""#, #""phase":"\#(phase.rawValue)""#, #""dx":\#(dx)"#, #""dy":\#(dy)"#]
        case .contactDropped(_, let held): fields = [#""gesture":"contactDropped""#, #""heldMs":\#(held)"#]
        }
        fields += [#""x":\#(point.x)"#, #""y":\#(point.y)"#, #""t":\#(seconds(point.time))"#]
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// The longest replay: later events are replayed at this time. A recording's timestamps are
    /// hostile input; kept within 0…10 years, every difference of two replay times fits `Int64`.
    public static let longestMicroseconds: Int64 = 10 * 366 * 86_400 * 1_000_000

    /// When `event` happens in a replay that starts at `start` (microseconds, e.g. the first event's
    /// ``InputEvent/timeMicroseconds``): its offset, clamped to 0…``longestMicroseconds``.
    public static func offset(of event: InputEvent, since start: Int64) -> Int64 {
        min(max(Saturating.subtract(event.timeMicroseconds, start), 0), longestMicroseconds)
    }

    /// `1.234` from 1 234 000 µs: milliseconds precision, no trailing zeros beyond one decimal.
    private static func seconds(_ microseconds: Int64) -> String {
        let milliseconds = Saturating.add(microseconds, 500) / 1000
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
