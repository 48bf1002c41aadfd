import KioskCore

/// Turns a `TicketDocument` into ESC/POS bytes for the printer a `PrinterProfile` describes.
public enum EscPosEncoder {
    /// ESC @, ESC t (the profile's code page), then each block: ESC a (alignment), ESC E (bold),
    /// GS ! (size), text lines wrapped to the profile's columns at that size; QR natively via GS ( k
    /// (model 2, module size fitted to the paper, error level M, store, print) or, for printers
    /// without it, as a GS v 0 raster image drawn with libqrencode; a rule as a line of '-'; feed via
    /// ESC d n; the cut the profile's cutter makes (GS V 66 0 partial, GS V 65 0 full, or a feed
    /// to the tear bar); an image (a logo) centred as GS v 0 in bands, left out when wider than the
    /// paper. A QR code is followed by one blank line (ESC d 1), its quiet zone below.
    ///
    /// Every text byte comes from ``PrintableText``. A text style's width scale is lowered (and
    /// its height scale with it) when the longest word would not fit on one line at the requested
    /// size. A QR payload too long for any QR symbol at level M prints nothing.
    public static func encode(_ document: TicketDocument, profile: PrinterProfile) -> [UInt8] {
        let codePage = CodePage(rawValue: profile.codePage) ?? .cp437
        var out: [UInt8] = [esc, 0x40, esc, UInt8(ascii: "t"), codePage == .cp437 ? 0 : profile.codePageNumber]
        out.reserveCapacity(1024)
        for block in document.blocks {
            switch block {
            case .text(let text, let style):
                appendText(PrintableText.bytes(text, codePage: codePage), style, profile, to: &out)
            case .qrCode(let payload):
                if profile.nativeQR {
                    appendQRCode(Array(payload.utf8), profile, to: &out)
                } else {
                    appendRasterQRCode(Array(payload.utf8), profile, to: &out)
                }
            case .rule:
                appendStyle(.body, to: &out)
                out += [UInt8](repeating: UInt8(ascii: "-"), count: profile.columns) + [lf]
            case .feed(var lines):
                while lines > 0 {
                    out += [esc, UInt8(ascii: "d"), UInt8(min(lines, 255))]
                    lines -= 255
                }
            case .image(let image):
                // An image wider than the paper would wrap into garbage on most printers: left out.
                guard image.widthBytes * 8 <= profile.dots else { break }
                out += [esc, UInt8(ascii: "a"), 1]
                out += raster(bits: image.bits, widthBytes: image.widthBytes, height: image.height)
            case .cut:
                switch profile.cutter {
                case .partial: out += [gs, UInt8(ascii: "V"), 66, 0]
                case .full: out += [gs, UInt8(ascii: "V"), 65, 0]
                case .none: out += [esc, UInt8(ascii: "d"), 4]
                }
            }
        }
        return out
    }

    /// A 1-bit image as `GS v 0` commands (normal density), in bands of at most `bandBytes` of
    /// image data each, so that a tall logo never overflows a small printer's receive buffer.
    /// `bits` holds `height` rows of `widthBytes` bytes, most significant bit leftmost, 1 = black.
    public static func raster(bits: [UInt8], widthBytes: Int, height: Int, bandBytes: Int = 4096) -> [UInt8] {
        precondition(widthBytes > 0 && bits.count == widthBytes * height, "raster size and data disagree")
        let rowsPerBand = max(1, min(bandBytes / widthBytes, 0xFFFF))
        var out: [UInt8] = []
        out.reserveCapacity(bits.count + (height / rowsPerBand + 1) * 8)
        var row = 0
        while row < height {
            let rows = min(rowsPerBand, height - row)
            out += [gs, UInt8(ascii: "v"), 0x30, 0, UInt8(widthBytes & 0xFF), UInt8(widthBytes >> 8),
                    UInt8(rows & 0xFF), UInt8(rows >> 8)]
            out += bits[row * widthBytes..<(row + rows) * widthBytes]
            row += rows
        }
        return out
    }

    /// Font A characters per line at normal width on `profile`'s printer.
    public static func columns(_ profile: PrinterProfile) -> Int { profile.columns }

    /// The scales `style` prints with on a `columns`-wide line so that a word of `longestWord`
    /// characters fits: the width shrinks as needed, the height stays as asked.
    static func fittedScales(_ style: TextStyle, longestWord: Int, columns: Int) -> (width: Int, height: Int) {
        let requestedWidth = min(max(style.widthScale, 1), 8)
        let requestedHeight = min(max(style.heightScale, 1), 8)
        let widest = longestWord == 0 ? requestedWidth : max(1, columns / longestWord)
        let width = min(requestedWidth, widest)
        // Narrower, never lower: the queue number keeps its 15 mm however long it is.
        return (width, requestedHeight)
    }

    /// QR module size in dots for a symbol `modules` wide: about two fifths of the paper, at most 8.
    static func qrModuleSize(modules: Int, dots: Int) -> Int { min(8, max(1, dots * 2 / 5 / modules)) }

    /// The QR version (1…40) that holds `byteCount` bytes at level M, or nil.
    static func qrVersion(byteCount: Int) -> Int? {
        qrByteCapacityLevelM.firstIndex { $0 >= byteCount }.map { $0 + 1 }
    }

    private static let esc: UInt8 = 0x1B
    private static let gs: UInt8 = 0x1D
    private static let lf: UInt8 = 0x0A

    /// Bytes a QR symbol holds in byte mode at error level M, for versions 1 to 40.
    private static let qrByteCapacityLevelM = [
        14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
        711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099,
        2213, 2331,
    ]

    private static func appendStyle(
        _ style: TextStyle, widthScale: Int = 1, heightScale: Int = 1, to out: inout [UInt8]
    ) {
        let alignment: UInt8 =
            switch style.alignment {
            case .left: 0
            case .center: 1
            case .right: 2
            }
        let size = UInt8((widthScale - 1) << 4 | (heightScale - 1))
        out += [
            esc, UInt8(ascii: "a"), alignment, esc, UInt8(ascii: "E"), style.bold ? 1 : 0, gs, UInt8(ascii: "!"), size,
        ]
    }

    private static func appendText(_ text: [UInt8], _ style: TextStyle, _ profile: PrinterProfile, to out: inout [UInt8]) {
        let scales = fittedScales(style, longestWord: TextWrapping.longestWord(text), columns: profile.columns)
        appendStyle(style, widthScale: scales.width, heightScale: scales.height, to: &out)
        for line in TextWrapping.lines(text, columns: profile.columns / scales.width) {
            out += line
            out.append(lf)
        }
    }

    /// `GS ( k` with function 165 (model 2), 167 (module size), 169 (level M), 180 (store), 181 (print).
    private static func appendQRCode(_ payload: [UInt8], _ profile: PrinterProfile, to out: inout [UInt8]) {
        guard let version = qrVersion(byteCount: payload.count) else { return }
        let moduleSize = qrModuleSize(modules: 17 + 4 * version, dots: profile.dots)
        func function(_ parameters: [UInt8]) {
            out += [
                gs, UInt8(ascii: "("), UInt8(ascii: "k"), UInt8(parameters.count & 0xFF), UInt8(parameters.count >> 8),
            ]
            out += parameters
        }
        out += [esc, UInt8(ascii: "a"), 1]
        function([49, 65, 50, 0])
        function([49, 67, UInt8(moduleSize)])
        function([49, 69, 49])
        function([49, 80, 48] + payload)
        function([49, 81, 48])
        out += [esc, UInt8(ascii: "d"), 1]
    }

    /// The same symbol as `appendQRCode` would ask for, drawn here and sent centred as GS v 0.
    private static func appendRasterQRCode(_ payload: [UInt8], _ profile: PrinterProfile, to out: inout [UInt8]) {
        guard let symbol = QRSymbol(payload) else { return }
        let module = qrModuleSize(modules: symbol.size, dots: profile.dots)
        let image = symbol.bitmap(moduleSize: module)
        out += [esc, UInt8(ascii: "a"), 1]
        out += raster(bits: image.bits, widthBytes: image.widthBytes, height: image.height)
        out += [esc, UInt8(ascii: "d"), 1]
    }
}
