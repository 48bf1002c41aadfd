import KioskCore

/// One row of text as the printer put it on paper.
public struct PrintedLine: Sendable, Hashable {
    /// The characters, decoded with the table `ESC t` selected; bytes the table leaves undefined show as U+FFFD.
    public var text: String
    public var alignment: TextStyle.Alignment
    public var bold: Bool
    /// `GS !` / `ESC !` magnification of the line's first character.
    public var widthScale: Int
    public var heightScale: Int
    /// Line spacing in force (`ESC 2`, `ESC 3 n`), in dots.
    public var lineSpacing: Int

    public init(
        text: String, alignment: TextStyle.Alignment = .left, bold: Bool = false, widthScale: Int = 1,
        heightScale: Int = 1, lineSpacing: Int = 30
    ) {
        self.text = text
        self.alignment = alignment
        self.bold = bold
        self.widthScale = widthScale
        self.heightScale = heightScale
        self.lineSpacing = lineSpacing
    }
}

/// QR error correction level, as `GS ( k` function 169 selects it.
public enum QRErrorLevel: Sendable, Hashable {
    case low, medium, quartile, high
}

/// A QR symbol the printer printed (`GS ( k` function 181).
public struct PrintedQRCode: Sendable, Hashable {
    /// The stored symbol data, exactly as sent.
    public var data: [UInt8]
    /// 1 or 2 (`GS ( k` function 165); the emulator draws every symbol as model 2.
    public var model: Int
    /// Dots per module side.
    public var moduleSize: Int
    public var errorLevel: QRErrorLevel
    public var alignment: TextStyle.Alignment

    public init(
        data: [UInt8], model: Int = 2, moduleSize: Int, errorLevel: QRErrorLevel,
        alignment: TextStyle.Alignment = .center
    ) {
        self.data = data
        self.model = model
        self.moduleSize = moduleSize
        self.errorLevel = errorLevel
        self.alignment = alignment
    }
}

/// A raster bit image (`GS v 0`): rows of bytes, most significant bit leftmost, 1 = black.
public struct PrintedRaster: Sendable, Hashable {
    public var widthBytes: Int
    public var height: Int
    public var bits: [UInt8]
    public var doubleWidth: Bool
    public var doubleHeight: Bool
    public var alignment: TextStyle.Alignment

    public init(
        widthBytes: Int, height: Int, bits: [UInt8], doubleWidth: Bool = false, doubleHeight: Bool = false,
        alignment: TextStyle.Alignment = .left
    ) {
        precondition(bits.count == widthBytes * height, "a raster image has widthBytes × height bytes")
        self.widthBytes = widthBytes
        self.height = height
        self.bits = bits
        self.doubleWidth = doubleWidth
        self.doubleHeight = doubleHeight
        self.alignment = alignment
    }

    /// Whether the dot at column `x`, row `y` (in image dots, before doubling) is black.
    public func isBlack(x: Int, y: Int) -> Bool { bits[y * widthBytes + x / 8] & (0x80 >> UInt8(x % 8)) != 0 }
}

/// Something that went onto the paper, in order from the top.
public enum PrintedItem: Sendable, Hashable {
    case line(PrintedLine)
    case qrCode(PrintedQRCode)
    case raster(PrintedRaster)
    /// Paper fed by `ESC J n`, in dots.
    case feed(dots: Int)
}

/// One receipt the emulated printer produced: from the end of the previous receipt up to a cut,
/// or up to the end of a connection that left content unprinted.
public struct PrintedReceipt: Sendable {
    /// Exactly the bytes of this receipt, commands and text, as they arrived.
    public var bytes: [UInt8]
    /// What was printed, top to bottom.
    public var items: [PrintedItem]
    /// Commands the emulator does not know, recorded and skipped.
    public var unknownCommands: [[UInt8]]
    /// True when the receipt ended with a cut command.
    public var wasCut: Bool

    public init(bytes: [UInt8], items: [PrintedItem], unknownCommands: [[UInt8]], wasCut: Bool) {
        self.bytes = bytes
        self.items = items
        self.unknownCommands = unknownCommands
        self.wasCut = wasCut
    }

    /// Text as printed, with alignment, bold and scale; blank lines from feeds included.
    public var lines: [PrintedLine] {
        items.compactMap { if case .line(let line) = $0 { line } else { nil } }
    }

    /// The data of every printed QR code, decoded as UTF-8.
    public var qrPayloads: [String] {
        items.compactMap { if case .qrCode(let code) = $0 { String(decoding: code.data, as: UTF8.self) } else { nil } }
    }

    /// All lines' text joined by "\n", for assertions.
    public var text: String { lines.map(\.text).joined(separator: "\n") }
}
