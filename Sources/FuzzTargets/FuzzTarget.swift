/// The kiosk's outward parsers as libFuzzer targets: each takes any bytes and must neither trap
/// nor break the property it checks (a `precondition`, so a broken one is a crash libFuzzer saves).
///
/// `kiosk-fuzz` runs one by name (`scripts/fuzz.sh`); `FuzzTargetsTests` replays the seeds and
/// the saved crashes in `fuzz/` through the same functions in an ordinary test.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `struct input_event` records and compact touch events through touch tracking and gestures.
    case touch
    /// evemu text through ``EvemuRecording`` and a replay.
    case evemu
    /// A serial scanner's bytes through framing, the classifier, log escaping and printer text.
    case scan
    /// Keyboard-wedge key events (with `SYN_DROPPED`) through the decoder.
    case wedge
    /// `DLE EOT` answers through the status parser; any printer reply bytes (`GS r`, `GS ( H`, ASB) through the reply parser.
    case printerStatus = "printer-status"
    /// JSON through the parser, and as a configuration, catalogue, scanner profile or bookings file.
    case json
    /// HTTP replies (status, `Date` header, body) through every call of the queue client.
    case serverReplies = "server-replies"
    /// ESC/POS bytes, in two reads, through the printer emulator's parser.
    case escpos
    /// A control-socket request line through kioskd's request parser, and an answer line through kioskctl's.
    case control

    /// Runs the target on one input.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .touch: TouchFuzz.run(bytes)
        case .evemu: EvemuFuzz.run(bytes)
        case .scan: ScanFuzz.run(bytes)
        case .wedge: WedgeFuzz.run(bytes)
        case .printerStatus: PrinterStatusFuzz.run(bytes)
        case .json: JSONFuzz.run(bytes)
        case .serverReplies: ServerReplyFuzz.run(bytes)
        case .escpos: EscPosFuzz.run(bytes)
        case .control: ControlFuzz.run(bytes)
        }
    }
}

/// Reads fuzz bytes front to back; past the end every read is zero.
struct FuzzBytes {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    mutating func byte() -> UInt8 {
        defer { index += 1 }
        return index < bytes.count ? bytes[index] : 0
    }

    mutating func uint16() -> UInt16 { UInt16(byte()) | UInt16(byte()) << 8 }

    mutating func int32() -> Int32 { Int32(bitPattern: UInt32(uint16()) | UInt32(uint16()) << 16) }

    /// The bytes not read yet.
    mutating func rest() -> [UInt8] {
        defer { index = bytes.count }
        return index < bytes.count ? Array(bytes[index...]) : []
    }
}
