import KioskCore
import KioskDevices

/// Key events from a keyboard-wedge scanner, with hostile timestamps and `SYN_DROPPED`s.
enum WedgeFuzz {
    /// First byte: bit 0 raw `struct input_event` records (else compact ones), bits 1-2 the suffix.
    static func run(_ data: [UInt8]) {
        var bytes = FuzzBytes(data)
        let setup = bytes.byte()
        let suffixes = ScanFraming.Suffix.allCases
        let framing = ScanFraming(suffix: suffixes[Int(setup >> 1) % suffixes.count])
        var decoder = KeyboardWedgeDecoder(framing: framing, limit: ScanClassifier.maximumLength)
        let events = setup & 1 == 1 ? InputEventCodec.decode(bytes.rest()).events : compactEvents(&bytes)
        var scans = events.flatMap { decoder.feed($0) }
        if let last = decoder.finish() { scans.append(last) }
        for scan in scans {
            precondition(scan.bytes.count <= ScanClassifier.maximumLength + 1, "scan of \(scan.bytes.count) bytes")
            ScanFuzz.checkScan(scan.bytes)
        }
    }

    /// Three bytes an event: a key code (0xF0 and up: a `SYN_REPORT`, 0xFF: `SYN_DROPPED`), the
    /// value (press, release, repeat), and the seconds since the last event (0xFF: a hostile stamp).
    private static func compactEvents(_ bytes: inout FuzzBytes) -> [InputEvent] {
        var events: [InputEvent] = []
        var seconds: Int64 = 0
        while !bytes.isAtEnd {
            let code = bytes.byte(), value = bytes.byte(), step = bytes.byte()
            seconds = step == 0xFF ? (value & 1 == 0 ? .max : .min) : seconds &+ Int64(step >> 4)
            let microseconds = Int64(step & 0x0F) * 10_000
            switch code {
            case 0xFF: events.append(InputEvent(seconds: seconds, microseconds: microseconds, type: InputCode.synchronization, code: InputCode.synDropped, value: 0))
            case 0xF0...: events.append(InputEvent(seconds: seconds, microseconds: microseconds, type: InputCode.synchronization, code: InputCode.synReport, value: 0))
            default: events.append(InputEvent(seconds: seconds, microseconds: microseconds, type: InputCode.key, code: UInt16(code), value: Int32(value % 3)))
            }
        }
        return events
    }
}
