import KioskCore
import KioskDevices

/// Touch tracking and gestures on hostile event streams, driven as kioskd drives them (its own
/// clock) and as a replay does (the events' timestamps).
enum TouchFuzz {
    private static let screen = ScreenSize(width: 1080, height: 1920)

    /// The events the touch path reacts to; a compact record picks one by its first byte.
    private static let kinds: [(type: UInt16, code: UInt16)] = [
        (InputCode.synchronization, InputCode.synReport), (InputCode.synchronization, InputCode.synDropped),
        (InputCode.synchronization, InputCode.synMTReport), (InputCode.absolute, InputCode.mtSlot),
        (InputCode.absolute, InputCode.mtTrackingID), (InputCode.absolute, InputCode.mtPositionX),
        (InputCode.absolute, InputCode.mtPositionY), (InputCode.absolute, InputCode.absX),
        (InputCode.absolute, InputCode.absY), (InputCode.key, InputCode.buttonTouch),
    ]

    /// First byte: bit 0 raw records (else compact ones), bit 1 a panel resolution, bit 2 a rotated
    /// calibration, bit 3 replay timestamps (else kioskd's clock), bits 4-7 the axis range.
    static func run(_ data: [UInt8]) {
        var bytes = FuzzBytes(data)
        let setup = bytes.byte()
        let events = setup & 1 == 1 ? InputEventCodec.decode(bytes.rest()).events : compactEvents(&bytes)
        let maximum = Int32(setup >> 4) * 4096 - 1
        let range = AxisRange(minimum: maximum < 0 ? -32768 : 0, maximum: maximum < 0 ? 32767 : maximum)
        let matrix = setup & 4 != 0 ? CalibrationMatrix.orientation(TouchOrientation(rotation: 90)) : .identity
        var input = TouchInput(
            transform: TouchTransform(xRange: range, yRange: range, screen: screen, matrix: matrix),
            resolution: setup & 2 != 0 ? (40, 40) : nil)
        let start = events.first?.timeMicroseconds ?? 0
        var now: Int64 = 0
        for event in events {
            now = setup & 8 != 0 ? GestureReplay.offset(of: event, since: start) : now + Int64(event.microseconds & 0xFFFF)
            for gesture in input.advance(to: now) { check(gesture) }
            if let gesture = input.feed(event, at: now) { check(gesture) }
        }
        precondition(input.activeContactCount <= 128, "contacts grew to \(input.activeContactCount)")
    }

    /// Seven bytes an event: kind, Int32 value, UInt16 microseconds since the last one.
    private static func compactEvents(_ bytes: inout FuzzBytes) -> [InputEvent] {
        var events: [InputEvent] = []
        while !bytes.isAtEnd {
            let kind = kinds[Int(bytes.byte()) % kinds.count]
            let value = bytes.int32()
            let delay = Int64(bytes.uint16())
            events.append(InputEvent(microseconds: delay, type: kind.type, code: kind.code, value: value))
        }
        return events
    }

    private static func check(_ gesture: Gesture) {
        let point = gesture.point
        precondition((0..<screen.width).contains(point.x) && (0..<screen.height).contains(point.y), "off screen: \(gesture)")
        _ = GestureReplay.jsonLine(gesture)
    }
}
