import KioskCore
import KioskDevices

/// Reads an ESC/POS byte stream the way a thermal printer does, independently of the kiosk's
/// encoder, so it can serve as the test oracle.
///
/// Bytes may arrive in any pieces: a command split across reads waits for its remaining bytes.
/// Printer settings persist across connections, as they do in a real printer.
public struct EscPosStreamParser: Sendable {
    /// Something that completed while consuming bytes.
    public enum Output: Sendable {
        case receipt(PrintedReceipt)
        /// `DLE EOT n`: the host wants status byte `n` now. A printer answers it on arrival (see
        /// ``PrinterEmulator``), so reaching it in order only drops it from the receipt.
        case statusRequest(UInt8)
        /// `GS r n`: status byte `n`, sent once everything before it has been processed.
        case inOrderStatusRequest(UInt8)
        /// `GS ( H` function 48: the process-ID response `d1 d2 d3 d4`, sent once everything before it
        /// has been processed.
        case processIDRequest([UInt8])
        /// `GS a n`: Automatic Status Back on for the items in `n` (bits 1–3), off when none.
        case automaticStatusBack(UInt8)

        /// Whether it is a request from the host rather than paper.
        public var isHostTalk: Bool {
            switch self {
            case .statusRequest, .inOrderStatusRequest, .processIDRequest, .automaticStatusBack: true
            case .receipt: false
            }
        }
    }

    /// Default line spacing in dots (Epson: 3.75 mm at 203 dpi).
    public static let defaultLineSpacing = 30

    private struct Settings {
        var alignment: TextStyle.Alignment = .left
        var bold = false
        var widthScale = 1
        var heightScale = 1
        var lineSpacing = EscPosStreamParser.defaultLineSpacing
        var qrModel = 2
        var qrModuleSize = 3
        var qrErrorLevel = QRErrorLevel.low
        var qrData: [UInt8] = []
        /// The character table `ESC t n` selected (CP437 after `ESC @`).
        var codePage = CodePage.cp437
    }

    /// Paper fed so far, in dots (lines, feeds, images, QR codes): a printer's speed is paper per second.
    public private(set) var fedDots = 0
    /// A cut command has run since ``takeCutCount()`` last asked.
    private var cuts = 0

    private var settings = Settings()
    private var unread: [UInt8] = []
    private var receiptBytes: [UInt8] = []
    private var items: [PrintedItem] = []
    private var unknown: [[UInt8]] = []
    /// Characters waiting for a line feed, and the line they will make.
    private var lineBuffer: [UInt8] = []
    private var lineStyle = PrintedLine(text: "")
    private var outputs: [Output] = []
    /// A cut command ran; the receipt ends once its bytes are counted.
    private var cutPending = false

    /// The unread bytes from the start of a command; nil past the end.
    private struct Window {
        var bytes: ArraySlice<UInt8>
        subscript(_ i: Int) -> UInt8? { i < bytes.count ? bytes[bytes.startIndex + i] : nil }
        func prefix(_ count: Int) -> [UInt8] { Array(bytes.prefix(count)) }
    }

    public init() {}

    /// Whether part of a receipt has been processed and not yet ended by a cut.
    public var hasContent: Bool { !items.isEmpty || !lineBuffer.isEmpty }

    /// Consumes `bytes` and returns the receipts and status requests they completed, in order.
    public mutating func consume(_ bytes: [UInt8]) -> [Output] {
        unread += bytes
        var offset = 0
        while offset < unread.count {
            let outputsBefore = outputs.count
            guard let length = command(Window(bytes: unread[offset...])) else { break }
            // A status request is talk between host and printer, not part of the receipt.
            if outputs.count == outputsBefore || !outputs.last!.isHostTalk {
                receiptBytes += unread[offset..<offset + length]
            }
            offset += length
            if cutPending {
                cutPending = false
                outputs.append(.receipt(takeReceipt(cut: true)))
            }
        }
        unread.removeFirst(offset)
        defer { outputs.removeAll() }
        return outputs
    }

    /// The connection closed: drops an unfinished command and ends the receipt if it has content.
    public mutating func finish() -> PrintedReceipt? {
        if !unread.isEmpty {
            unknown.append(unread)
            receiptBytes += unread
            unread.removeAll()
        }
        printLineBuffer(ifEmpty: false)
        guard !items.isEmpty else {
            receiptBytes.removeAll()
            unknown.removeAll()
            return nil
        }
        return takeReceipt(cut: false)
    }

    // MARK: - Commands

    /// Runs the command at the start of `b` and returns its length, or nil when it is incomplete.
    private mutating func command(_ b: Window) -> Int? {
        let first = b[0]!
        switch first {
        case 0x0A:
            printLineBuffer(ifEmpty: true)
            return 1
        case 0x0D, 0x0C: return 1
        case 0x09:
            character(0x20)
            return 1
        case 0x10: return realTime(b)
        case 0x1B: return escape(b)
        case 0x1D: return groupSeparator(b)
        case 0x1C:
            guard b[1] != nil else { return nil }
            return recordUnknown(length: 2, b)
        case 0x00..<0x20, 0x7F: return recordUnknown(length: 1, b)
        default:
            character(first)
            return 1
        }
    }

    private mutating func realTime(_ b: Window) -> Int? {
        guard let kind = b[1] else { return nil }
        switch kind {
        case 0x04:
            guard let n = b[2] else { return nil }
            if (1...4).contains(n) { outputs.append(.statusRequest(n)) } else { unknown.append([0x10, 0x04, n]) }
            return 3
        case 0x05: return b[2] == nil ? nil : 3
        case 0x14:  // DLE DC4: fn=8 (clear buffers) has seven fixed bytes, fn=1 (pulse) two
            guard let fn = b[2] else { return nil }
            if fn == 8 { return b[9] == nil ? nil : 10 }
            return b[4] == nil ? nil : 5
        default:
            unknown.append([0x10, kind])
            return 2
        }
    }

    private mutating func escape(_ b: Window) -> Int? {
        guard let name = b[1] else { return nil }
        let oneParameter = Set("aE!dJ3MtR{-GV Ur".utf8)
        if oneParameter.contains(name), b[2] == nil { return nil }
        switch UnicodeScalar(name) {
        case "@":
            settings = Settings()
            lineBuffer.removeAll()
            return 2
        case "a":
            settings.alignment = alignment(b[2]!)
        case "E": settings.bold = b[2]! & 1 == 1
        case "!":
            let n = b[2]!
            settings.bold = n & 0x08 != 0
            settings.heightScale = n & 0x10 != 0 ? 2 : 1
            settings.widthScale = n & 0x20 != 0 ? 2 : 1
        case "d":
            let n = Int(b[2]!)
            if n == 0 {
                printLineBuffer(ifEmpty: false)
            } else {
                for _ in 0..<n { printLineBuffer(ifEmpty: true) }
            }
        case "J":
            printLineBuffer(ifEmpty: false)
            items.append(.feed(dots: Int(b[2]!)))
            fedDots += Int(b[2]!)
        case "2":
            settings.lineSpacing = Self.defaultLineSpacing
            return 2
        case "3": settings.lineSpacing = Int(b[2]!)
        case "t":
            settings.codePage = Self.codePage(b[2]!) ?? settings.codePage
            if Self.codePage(b[2]!) == nil { unknown.append([0x1B, 0x74, b[2]!]) }
        case "M", "R", "{", "-", "G", "V", " ", "U", "r": break
        case "S": return 2
        case "D":
            var end = 2
            while let value = b[end] {
                if value == 0 { return end + 1 }
                end += 1
            }
            return nil
        case "i", "m":
            cut()
            return 2
        case "c", "$":
            return b[3] == nil ? nil : 4
        case "p":
            return b[4] == nil ? nil : 5
        case "*":
            guard let m = b[2], let low = b[3], let high = b[4] else { return nil }
            let length = 5 + (Int(low) + Int(high) << 8) * (m < 32 ? 1 : 3)
            return b[length - 1] == nil ? nil : recordUnknown(length: length, b)
        default:
            unknown.append([0x1B, name])
            return 2
        }
        return 3
    }

    private mutating func groupSeparator(_ b: Window) -> Int? {
        guard let name = b[1] else { return nil }
        switch UnicodeScalar(name) {
        case "!":
            guard let n = b[2] else { return nil }
            settings.widthScale = Int(n >> 4 & 0x07) + 1
            settings.heightScale = Int(n & 0x07) + 1
            return 3
        case "V":
            guard let m = b[2] else { return nil }
            let length = [0, 1, 48, 49].contains(m) ? 3 : 4
            guard b[length - 1] != nil else { return nil }
            cut()
            return length
        case "(":
            guard let low = b[3], let high = b[4] else { return nil }
            let length = 5 + Int(low) + Int(high) << 8
            guard b[length - 1] != nil else { return nil }
            let parameters = Array(b.prefix(length).dropFirst(5))
            if b[2] == UInt8(ascii: "k"), qrCode(parameters) { return length }
            if b[2] == UInt8(ascii: "H"), parameters.count == 6, parameters[0] == 48, parameters[1] == 48 {
                outputs.append(.processIDRequest(Array(parameters[2..<6])))
                return length
            }
            return recordUnknown(length: length, b)
        case "v":
            guard let low = b[4], let high = b[5], let rowsLow = b[6], let rowsHigh = b[7] else {
                return nil
            }
            let widthBytes = Int(low) + Int(high) << 8
            let height = Int(rowsLow) + Int(rowsHigh) << 8
            let length = 8 + widthBytes * height
            guard b[length - 1] != nil else { return nil }
            let mode = b[3]!
            printLineBuffer(ifEmpty: false)
            fedDots += height * (mode & 2 != 0 ? 2 : 1)
            items.append(
                .raster(
                    PrintedRaster(
                        widthBytes: widthBytes, height: height, bits: Array(b.prefix(length).dropFirst(8)),
                        doubleWidth: mode & 1 != 0, doubleHeight: mode & 2 != 0, alignment: settings.alignment)))
            return length
        case "r":
            guard let n = b[2] else { return nil }
            outputs.append(.inOrderStatusRequest(n))
            return 3
        case "a":
            guard let n = b[2] else { return nil }
            outputs.append(.automaticStatusBack(n))
            return 3
        case "B", "b", "f", "h", "w", "H", "I":
            return b[2] == nil ? nil : 3
        case "L", "W", "P":
            return b[3] == nil ? nil : 4
        case "k":
            guard let m = b[2] else { return nil }
            if m >= 65 {
                guard let n = b[3] else { return nil }
                let length = 4 + Int(n)
                return b[length - 1] == nil ? nil : recordUnknown(length: length, b)
            }
            var end = 3
            while let value = b[end] {
                if value == 0 { return recordUnknown(length: end + 1, b) }
                end += 1
            }
            return nil
        default:
            unknown.append([0x1D, name])
            return 2
        }
    }

    /// `GS ( k` for QR codes (cn 49); false for any other symbol or function.
    private mutating func qrCode(_ parameters: [UInt8]) -> Bool {
        guard parameters.count >= 3, parameters[0] == 49 else { return false }
        switch parameters[1] {
        case 65: settings.qrModel = parameters[2] == 49 ? 1 : 2
        case 67: settings.qrModuleSize = Int(parameters[2])
        case 69:
            let levels: [UInt8: QRErrorLevel] = [48: .low, 49: .medium, 50: .quartile, 51: .high]
            guard let level = levels[parameters[2]] else { return false }
            settings.qrErrorLevel = level
        case 80: settings.qrData = Array(parameters.dropFirst(3))
        case 81:
            printLineBuffer(ifEmpty: false)
            fedDots += settings.qrModuleSize * 33  // about a version 4 symbol with its quiet zone
            items.append(
                .qrCode(
                    PrintedQRCode(
                        data: settings.qrData, model: settings.qrModel, moduleSize: settings.qrModuleSize,
                        errorLevel: settings.qrErrorLevel, alignment: settings.alignment)))
        default: return false
        }
        return true
    }

    // MARK: - Paper

    private func alignment(_ n: UInt8) -> TextStyle.Alignment {
        switch n {
        case 1, 49: .center
        case 2, 50: .right
        default: .left
        }
    }

    private mutating func recordUnknown(length: Int, _ b: Window) -> Int {
        unknown.append(b.prefix(length))
        return length
    }

    private mutating func character(_ value: UInt8) {
        if lineBuffer.isEmpty {
            lineStyle = PrintedLine(
                text: "", alignment: settings.alignment, bold: settings.bold, widthScale: settings.widthScale,
                heightScale: settings.heightScale, lineSpacing: settings.lineSpacing)
        }
        lineBuffer.append(value)
    }

    /// Prints the buffered characters as a line; an empty buffer prints a blank line only if `ifEmpty`.
    private mutating func printLineBuffer(ifEmpty: Bool) {
        if lineBuffer.isEmpty {
            guard ifEmpty else { return }
            lineStyle = PrintedLine(
                text: "", alignment: settings.alignment, bold: settings.bold, widthScale: settings.widthScale,
                heightScale: settings.heightScale, lineSpacing: settings.lineSpacing)
        }
        var line = lineStyle
        var text = String.UnicodeScalarView()
        for byte in lineBuffer { text.append(settings.codePage.scalar(for: byte) ?? "\u{FFFD}") }
        line.text = String(text)
        line.lineSpacing = settings.lineSpacing
        fedDots += max(line.lineSpacing, 24 * line.heightScale)
        items.append(.line(line))
        lineBuffer.removeAll()
    }

    private mutating func cut() {
        printLineBuffer(ifEmpty: false)
        cutPending = true
        cuts += 1
    }

    /// How many cuts ran since the last call (a printer's cutter may fail on one).
    public mutating func takeCutCount() -> Int {
        defer { cuts = 0 }
        return cuts
    }

    /// The table Epson's `ESC t n` numbers select: 0 PC437, 16 WPC1252, 19 PC858.
    static func codePage(_ n: UInt8) -> CodePage? {
        switch n {
        case 0: .cp437
        case 16: .cp1252
        case 19: .cp858
        default: nil
        }
    }

    private mutating func takeReceipt(cut: Bool) -> PrintedReceipt {
        let receipt = PrintedReceipt(bytes: receiptBytes, items: items, unknownCommands: unknown, wasCut: cut)
        receiptBytes.removeAll()
        items.removeAll()
        unknown.removeAll()
        return receipt
    }
}
