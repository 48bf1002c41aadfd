import KioskCore
import KioskDevices

/// What a printer sends back: `DLE EOT` answers folded into one status as a full check does, the
/// same bytes through ``PrinterReplyParser`` (whole and in two reads), and replies built from the
/// bytes as the Epson manual shapes them, which must parse back to exactly those replies.
enum PrinterStatusFuzz {
    static func run(_ data: [UInt8]) {
        statusAnswers(data)
        anyBytes(data)
        roundTrip(data)
    }

    /// `DLE EOT` answers, two bytes each (request, answer).
    private static func statusAnswers(_ data: [UInt8]) {
        var bytes = FuzzBytes(data)
        var status = PrinterStatus()
        while !bytes.isAtEnd {
            let requests = PrinterStatusQuery.Request.allCases
            let request = requests[Int(bytes.byte()) % requests.count]
            let answer = bytes.byte()
            let before = status
            let applied = PrinterStatusQuery.apply(answer, to: request, &status)
            precondition(applied == PrinterStatusQuery.isStatusByte(answer), "applied a non-status byte")
            precondition(applied || status == before, "a refused byte changed the status")
            precondition((PrinterStatusQuery.parse(answer, for: request) != nil) == applied, "parse and apply disagree")
        }
        _ = status.condition
    }

    /// Any bytes: the replies do not depend on how the bytes were split, and each has its fixed bits.
    private static func anyBytes(_ data: [UInt8]) {
        var whole = PrinterReplyParser()
        let replies = whole.consume(data)
        precondition(replies == inTwoReads(data, at: Int(data.first ?? 0)), "replies depend on the read boundary")
        for reply in replies {
            switch reply {
            case .realTimeStatus(let byte): precondition(byte & 0x93 == 0x12, "not a DLE EOT answer")
            case .inOrderStatus(let byte): precondition(byte & 0x90 == 0, "not a GS r answer")
            case .processID(let id): precondition(id.count == 4 && !id.contains(0), "not a process ID")
            case .bufferCleared: break
            case .automaticStatus(let block):
                precondition(block.bytes[0] & 0x93 == 0x10 && !block.bytes.contains(0x13), "not an ASB block")
                _ = block.status.condition
            }
        }
    }

    /// Replies chosen by the bytes, sent as a printer sends them (an XOFF possibly inside an ASB
    /// block), read back in two reads: exactly the same replies.
    private static func roundTrip(_ data: [UInt8]) {
        var bytes = FuzzBytes(data)
        var sent: [PrinterReply] = []
        var wire: [UInt8] = []
        while !bytes.isAtEnd {
            let kind = bytes.byte()
            switch kind % 5 {
            case 0:
                let byte = bytes.byte() & 0x6C | 0x12
                sent.append(.realTimeStatus(byte))
                wire.append(byte)
            case 1:
                let byte = bytes.byte() & 0x6F
                sent.append(.inOrderStatus(byte))
                wire.append(byte)
            case 2:
                let id = (0..<4).map { _ in 32 + bytes.byte() % 95 }
                sent.append(.processID(id))
                wire += [0x37, 0x22] + id + [0]
            case 3:
                sent.append(.bufferCleared)
                wire += PrinterBufferClear.response
            default:
                var block = [bytes.byte() & 0x6C | 0x10, bytes.byte() & 0x6F, bytes.byte() & 0x6F, bytes.byte() & 0x6F]
                sent.append(AutomaticStatus(block).map(PrinterReply.automaticStatus)!)
                if kind & 0x80 != 0 { block.insert(0x13, at: 1 + Int(kind >> 5 & 0x03)) }
                wire += block
            }
        }
        precondition(inTwoReads(wire, at: data.count) == sent, "replies did not read back as sent")
    }

    private static func inTwoReads(_ bytes: [UInt8], at split: Int) -> [PrinterReply] {
        var parser = PrinterReplyParser()
        let cut = bytes.isEmpty ? 0 : split % (bytes.count + 1)
        return parser.consume(Array(bytes[..<cut])) + parser.consume(Array(bytes[cut...]))
    }
}
