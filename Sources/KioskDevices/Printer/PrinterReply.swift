/// Something a printer sent back, told apart by the fixed bits each kind of answer carries
/// (Epson ESC/POS reference, "Transmission status identification"):
///
/// | answer | bits |
/// |---|---|
/// | `DLE EOT n` (real time) | `0xx1 xx10` |
/// | `GS r n` (in order) | `0xx0 xxxx` |
/// | Automatic Status Back (`GS a`), first byte | `0xx1 xx00`, then three bytes `0xx0 xxxx` |
/// | header-`37H` blocks: `GS ( H` process ID (`37 22 d1…d4 00`), `DLE DC4 8` (`37 25 00`) | `37H`, identifier, data, `NUL` |
/// | XON / XOFF | `11H` / `13H` |
///
/// An ASB block's four bytes are consecutive (an XOFF may sit inside it), so its last three bytes,
/// which look like `GS r` answers, are never read as one; nor are a process ID's bytes.
public enum PrinterReply: Sendable, Hashable {
    /// The answer to a real-time `DLE EOT n`.
    case realTimeStatus(UInt8)
    /// The answer to an in-order `GS r n`.
    case inOrderStatus(UInt8)
    /// The `GS ( H` function 48 response: the four bytes of the process ID the host sent.
    case processID([UInt8])
    /// The `DLE DC4 8` response: the receive and print buffers were cleared.
    case bufferCleared
    /// An unsolicited Automatic Status Back block.
    case automaticStatus(AutomaticStatus)
}

/// The four bytes of an Automatic Status Back block (Epson ESC/POS reference, "GS a").
public struct AutomaticStatus: Sendable, Hashable {
    public let bytes: [UInt8]

    /// The block of four `bytes`; nil for any other count.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 4 else { return nil }
        self.bytes = bytes
    }

    /// Byte 1: bit 3 offline, bit 5 cover open. Byte 2: bit 2 recoverable error, bit 3 auto-cutter
    /// error, bit 5 unrecoverable error, bit 6 auto-recoverable error. Byte 3: bits 0–1 roll near
    /// end, bits 2–3 roll end.
    public var status: PrinterStatus {
        var status = PrinterStatus()
        status.offline = bytes[0] & 0x08 != 0
        status.coverOpen = bytes[0] & 0x20 != 0
        status.cutterError = bytes[1] & 0x08 != 0
        status.error = bytes[1] & 0x64 != 0
        status.paperNearEnd = bytes[2] & 0x03 != 0
        status.paperOut = bytes[2] & 0x0C != 0
        return status
    }

}

/// Splits the bytes a printer sends into ``PrinterReply`` values, across reads.
public struct PrinterReplyParser: Sendable {
    /// `GS a n`: turn Automatic Status Back on for the online, error and paper-roll items.
    public static let enableAutomaticStatus: [UInt8] = [0x1D, 0x61, 0x0E]
    /// The longest header-`37H` block kept; a longer one is dropped up to its `NUL`.
    static let longestBlock = 82

    private enum State: Sendable {
        case top
        case automaticStatus([UInt8])
        case block([UInt8])
    }

    private var state = State.top

    public init() {}

    /// The replies `bytes` complete, in order; bytes that fit no answer are dropped.
    public mutating func consume(_ bytes: [UInt8]) -> [PrinterReply] {
        var replies: [PrinterReply] = []
        for byte in bytes {
            if let reply = take(byte) { replies.append(reply) }
        }
        return replies
    }

    private mutating func take(_ byte: UInt8) -> PrinterReply? {
        switch state {
        case .automaticStatus(var block):
            if byte == 0x13 { return nil }  // XOFF may sit inside a block
            block.append(byte)
            guard block.count == 4 else {
                state = .automaticStatus(block)
                return nil
            }
            state = .top
            return AutomaticStatus(block).map(PrinterReply.automaticStatus)
        case .block(var block):
            guard byte != 0 else {
                state = .top
                return Self.reply(toBlock: block)
            }
            if block.count < Self.longestBlock { block.append(byte) }
            state = .block(block)
            return nil
        case .top:
            if byte == 0x37 {
                state = .block([])
                return nil
            }
            if byte == 0x11 || byte == 0x13 { return nil }  // XON, XOFF
            switch byte & 0x93 {
            case 0x12: return .realTimeStatus(byte)
            case 0x10:
                state = .automaticStatus([byte])
                return nil
            default: return byte & 0x90 == 0 ? .inOrderStatus(byte) : nil
            }
        }
    }

    /// A header-`37H` block without its header and `NUL`: identifier, then data.
    private static func reply(toBlock block: [UInt8]) -> PrinterReply? {
        switch block.first {
        case 0x22 where block.count == 5: .processID(Array(block[1...]))
        case 0x25 where block.count == 1: .bufferCleared
        default: nil
        }
    }
}
