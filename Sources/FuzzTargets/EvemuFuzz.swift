import KioskCore
import KioskDevices

/// evemu text, as `kioskctl input replay` and an `evemu` input read it.
enum EvemuFuzz {
    static func run(_ bytes: [UInt8]) {
        guard let recording = try? EvemuRecording(parsing: String(decoding: bytes, as: UTF8.self)) else { return }
        _ = recording.resolution
        let screen = ScreenSize(width: 800, height: 480)
        guard let gestures = try? GestureReplay.gestures(recording, setup: GestureReplay.Setup(screen: screen)) else { return }
        for gesture in gestures {
            let point = gesture.point
            precondition((0..<screen.width).contains(point.x) && (0..<screen.height).contains(point.y), "off screen: \(gesture)")
            precondition((0...GestureReplay.longestMicroseconds).contains(point.time), "time out of the replay: \(gesture)")
            _ = GestureReplay.jsonLine(gesture)
        }
    }
}
