/// A screen pixel a finger touched.
public struct TouchSpot: Sendable, Hashable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// What a touch point the runtime passes on is part of.
public enum TouchPointKind: Sendable, Hashable {
    /// A tap: where it touched down (its press follows).
    case tap
    /// A drag's first point past the tap slop: a new stroke.
    case dragBegan
    /// A drag's later point, as read.
    case dragMoved
    /// A drag's last point: the finger lifted.
    case dragEnded
}

/// The Touch screens' state: the drawing test's raw trail, the target grid's hits and misses, and
/// the 5-point calibration in progress.
public struct TouchCheck: Sendable, Hashable {
    /// The drawing test's strokes, oldest first, at most ``trailLimit`` points in all.
    public var strokes: [[TouchSpot]] = []
    /// The last tap read, for the touch surface press that follows it.
    public var lastTap: TouchSpot?
    /// Grid targets hit (their index in ``gridTargets(_:)``).
    public var gridHits: Set<Int> = []
    /// Taps on the grid screen that hit no target, newest last, at most ``missLimit``.
    public var gridMisses: [TouchSpot] = []
    /// The calibration: taps collected so far, then its outcome.
    public var calibration = CalibrationRun()
    /// The last thing the technician asked for here and how it went (saved, undone, refused).
    public var note: DiagnosticsNote?

    public init() {}

    public static let trailLimit = 800
    public static let missLimit = 40
    /// A grid tap within this many pixels of a target's centre hits it (about 5 mm on a 21.5" screen).
    public static let hitRadius = 50

    /// The 3 × 3 grid of targets, as fractions of the screen, clear of the header, the title and the footer
    /// (a landscape screen's title takes more of its height, so the rows start lower there).
    public static func gridTargets(_ settings: DiagnosticsSettings) -> [TouchSpot] {
        let columns = [0.12, 0.5, 0.88]
        let rows = settings.screenWidth > settings.screenHeight ? [0.3, 0.53, 0.76] : [0.25, 0.5, 0.75]
        return rows.flatMap { y in columns.map { x in spot(x, y, settings) } }
    }

    /// The calibration's five targets in the order they are shown: the corners inset by 15 %, then the centre.
    public static func calibrationTargets(_ settings: DiagnosticsSettings) -> [TouchSpot] {
        [(0.15, 0.15), (0.85, 0.15), (0.85, 0.85), (0.15, 0.85), (0.5, 0.5)].map { spot($0.0, $0.1, settings) }
    }

    private static func spot(_ x: Double, _ y: Double, _ settings: DiagnosticsSettings) -> TouchSpot {
        TouchSpot(
            x: Int((Double(max(settings.screenWidth - 1, 0)) * x).rounded()),
            y: Int((Double(max(settings.screenHeight - 1, 0)) * y).rounded()))
    }

    /// `value` pixels with one decimal, as the calibration screens show a residual.
    public static func pixelText(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let tenths = Int(min(max(value, 0), 1e9) * 10 + 0.5)
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Adds a drag's point to the trail (a new stroke after a lift), dropping the oldest points past the limit.
    mutating func trace(_ spot: TouchSpot, startsStroke: Bool) {
        if startsStroke || strokes.isEmpty { strokes.append([]) }
        strokes[strokes.count - 1].append(spot)
        var total = strokes.reduce(0) { $0 + $1.count }
        while total > Self.trailLimit, !strokes.isEmpty {
            let drop = min(strokes[0].count, total - Self.trailLimit)
            strokes[0].removeFirst(drop)
            total -= drop
            if strokes[0].isEmpty { strokes.removeFirst() }
        }
    }
}

/// A 5-point calibration: the taps so far, then the fit or why it was refused.
public struct CalibrationRun: Sendable, Hashable {
    /// Where each target shown so far was touched, in screen pixels as the current calibration reads them.
    public var taps: [TouchSpot] = []
    public var outcome: CalibrationFit?

    public init() {}
}

/// How a calibration's five taps came out.
public enum CalibrationFit: Sendable, Hashable {
    /// A fit that holds: the correction to apply after the calibration in use, and its residual.
    case fitted(correction: CalibrationMatrix, residualPixels: Double)
    /// Refused: why, for the technician; the calibration in use stays.
    case refused(DiagnosticsNote)
    /// Accepted and handed to the runtime to save.
    case saving(residualPixels: Double)
}

/// A line for a diagnostics screen: a text with its `{name}` values.
public struct DiagnosticsNote: Sendable, Hashable {
    public var text: DiagnosticsText
    public var values: [String: String]
    /// Shown in the warning colour.
    public var isProblem: Bool

    public init(_ text: DiagnosticsText, _ values: [String: String] = [:], isProblem: Bool = false) {
        self.text = text
        self.values = values
        self.isProblem = isProblem
    }

    /// The line in `language`.
    public func callAsFunction(_ language: Language) -> String { text(language, values) }
}
