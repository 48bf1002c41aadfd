import KioskCore

/// Turns a `TicketDocument` into ESC/POS bytes for an Epson-compatible thermal printer.
public enum EscPosEncoder {
    /// ESC @, then each block: ESC a (alignment), ESC E (bold), GS ! (size), text lines wrapped to the
    /// paper's columns at that size (Font A: 12-dot wide characters → 48 columns on 576 dots,
    /// 32 on 384), QR via GS ( k (model 2, module size fitted to the paper, error level M, store,
    /// print), rule as a line of '-', feed via ESC d n, cut via GS V 66 0 (feed and partial cut).
    /// A QR code is followed by one blank line (ESC d 1), its quiet zone below.
    ///
    /// A text style's width scale is lowered (and its height scale with it) when the longest
    /// word would not fit on one line at the requested size. A QR payload too long for any QR
    /// symbol at level M prints nothing.
    public static func encode(_ document: TicketDocument, paper: PaperWidth) -> [UInt8] {
        var out: [UInt8] = [esc, 0x40]
        for block in document.blocks {
            switch block {
            case .text(let text, let style): appendText(PrintableText.bytes(text), style, paper, to: &out)
            case .qrCode(let payload): appendQRCode(Array(payload.utf8), paper, to: &out)
            case .rule:
                appendStyle(.body, to: &out)
                out += [UInt8](repeating: UInt8(ascii: "-"), count: columns(paper)) + [lf]
            case .feed(var lines):
                while lines > 0 {
                    out += [esc, UInt8(ascii: "d"), UInt8(min(lines, 255))]
                    lines -= 255
                }
            case .cut: out += [gs, UInt8(ascii: "V"), 66, 0]
            }
        }
        return out
    }

    /// Font A characters per line at normal width: a character is 12 dots wide.
    public static func columns(_ paper: PaperWidth) -> Int { paper.dots / fontAWidth }

    /// The scales `style` prints with on `paper` so that a word of `longestWord` characters fits a line.
    static func fittedScales(_ style: TextStyle, longestWord: Int, paper: PaperWidth) -> (width: Int, height: Int) {
        let requestedWidth = min(max(style.widthScale, 1), 8)
        let requestedHeight = min(max(style.heightScale, 1), 8)
        let widest = longestWord == 0 ? requestedWidth : max(1, columns(paper) / longestWord)
        let width = min(requestedWidth, widest)
        return (width, max(1, requestedHeight - (requestedWidth - width)))
    }

    /// QR module size in dots: the symbol takes about two fifths of the paper, at most 8 dots a module.
    /// Nil when no QR version holds `byteCount` bytes at level M.
    static func qrModuleSize(byteCount: Int, paper: PaperWidth) -> Int? {
        guard let index = qrByteCapacityLevelM.firstIndex(where: { $0 >= byteCount }) else { return nil }
        let modules = 17 + 4 * (index + 1)
        return min(8, max(1, paper.dots * 2 / 5 / modules))
    }

    private static let esc: UInt8 = 0x1B
    private static let gs: UInt8 = 0x1D
    private static let lf: UInt8 = 0x0A
    private static let fontAWidth = 12

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

    private static func appendText(_ text: [UInt8], _ style: TextStyle, _ paper: PaperWidth, to out: inout [UInt8]) {
        let scales = fittedScales(style, longestWord: TextWrapping.longestWord(text), paper: paper)
        appendStyle(style, widthScale: scales.width, heightScale: scales.height, to: &out)
        for line in TextWrapping.lines(text, columns: columns(paper) / scales.width) {
            out += line + [lf]
        }
    }

    /// `GS ( k` with function 165 (model 2), 167 (module size), 169 (level M), 180 (store), 181 (print).
    private static func appendQRCode(_ payload: [UInt8], _ paper: PaperWidth, to out: inout [UInt8]) {
        guard let moduleSize = qrModuleSize(byteCount: payload.count, paper: paper) else { return }
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
}
