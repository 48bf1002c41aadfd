import KioskCore
import KioskUI

/// A receipt that could not be drawn.
public struct ReceiptRenderError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "rendering a receipt: \(reason)" }
}

extension PrintedReceipt {
    /// Renders the receipt as paper would look: `paperDots` wide (576 for 80 mm, 384 for 58 mm),
    /// monospace DejaVu glyphs in Font A cells (12×24 dots, scaled by `GS !`), QR codes drawn from the
    /// payload with libqrencode (model 2, the module size and error level the job asked for), raster
    /// images dot for dot, in black on white paper. Lines longer than the paper wrap, as on a printer.
    public func render(paperDots: Int) throws -> Canvas {
        var renderer = try ReceiptRenderer(paperDots: paperDots)
        return try renderer.render(items)
    }
}

/// Lays out and draws printed items the way a 203 dpi thermal head puts them on paper.
struct ReceiptRenderer {
    /// Font A cell in dots, and the DejaVu Sans Mono pixel size whose advance is 12 dots.
    static let cellWidth = 12
    static let cellHeight = 24
    static let pixelSize = 20
    /// Blank paper above the first and below the last printed row.
    static let margin = 16

    /// Something placed on the paper, with the height it takes.
    private enum Row {
        case text(ArraySlice<Unicode.Scalar>, PrintedLine)
        case qrCode(QRMatrix, PrintedQRCode)
        case raster(PrintedRaster)
        case blank(Int)
    }

    private struct GlyphKey: Hashable {
        var scalar: Unicode.Scalar
        var bold: Bool
        var widthScale: Int
        var heightScale: Int
    }

    let paperDots: Int
    private let regular: Font
    private let bold: Font
    private var glyphs: [GlyphKey: [Bool]] = [:]

    init(paperDots: Int) throws {
        guard paperDots >= Self.cellWidth * 8 else { throw ReceiptRenderError(reason: "paper of \(paperDots) dots") }
        self.paperDots = paperDots
        regular = try Font(path: FontFiles.mono, hinting: .full)
        bold = try Font(path: FontFiles.monoBold, hinting: .full)
    }

    mutating func render(_ items: [PrintedItem]) throws -> Canvas {
        let rows = try items.flatMap(rows(for:))
        let height = rows.reduce(2 * Self.margin) { $0 + self.height(of: $1) }
        var canvas = Canvas(width: paperDots, height: height, background: .white)
        var y = Self.margin
        for row in rows {
            draw(row, top: y, on: &canvas)
            y += self.height(of: row)
        }
        return canvas
    }

    private func rows(for item: PrintedItem) throws -> [Row] {
        switch item {
        case .line(let line):
            let scalars = Array(line.text.unicodeScalars)
            let perRow = max(1, paperDots / (Self.cellWidth * line.widthScale))
            if scalars.isEmpty { return [.blank(line.lineSpacing)] }
            return stride(from: 0, to: scalars.count, by: perRow).map {
                .text(scalars[$0..<min($0 + perRow, scalars.count)], line)
            }
        case .qrCode(let code):
            guard !code.data.isEmpty else { return [] }
            return [.qrCode(try QRMatrix(data: code.data, level: code.errorLevel), code)]
        case .raster(let image): return [.raster(image)]
        case .feed(let dots): return [.blank(dots)]
        }
    }

    private func height(of row: Row) -> Int {
        switch row {
        case .text(_, let line): max(line.lineSpacing, Self.cellHeight * line.heightScale)
        case .qrCode(let matrix, let code): matrix.size * code.moduleSize
        case .raster(let image): image.height * (image.doubleHeight ? 2 : 1)
        case .blank(let dots): dots
        }
    }

    private func left(width: Int, _ alignment: TextStyle.Alignment) -> Int {
        switch alignment {
        case .left: 0
        case .center: max(0, (paperDots - width) / 2)
        case .right: max(0, paperDots - width)
        }
    }

    private mutating func draw(_ row: Row, top: Int, on canvas: inout Canvas) {
        switch row {
        case .text(let scalars, let line):
            let cellWidth = Self.cellWidth * line.widthScale
            let cellHeight = Self.cellHeight * line.heightScale
            var x = left(width: scalars.count * cellWidth, line.alignment)
            for scalar in scalars {
                let mask = glyph(
                    GlyphKey(
                        scalar: scalar, bold: line.bold, widthScale: line.widthScale, heightScale: line.heightScale))
                for dy in 0..<cellHeight {
                    for dx in 0..<cellWidth where mask[dy * cellWidth + dx] {
                        canvas.blend(x: x + dx, y: top + dy, .black, alpha: 255)
                    }
                }
                x += cellWidth
            }
        case .qrCode(let matrix, let code):
            let module = code.moduleSize
            let x = left(width: matrix.size * module, code.alignment)
            for my in 0..<matrix.size {
                for mx in 0..<matrix.size where matrix.isDark(x: mx, y: my) {
                    canvas.fill(Rect(x: x + mx * module, y: top + my * module, width: module, height: module), .black)
                }
            }
        case .raster(let image):
            let scaleX = image.doubleWidth ? 2 : 1
            let scaleY = image.doubleHeight ? 2 : 1
            let x = left(width: image.widthBytes * 8 * scaleX, image.alignment)
            for iy in 0..<image.height {
                for ix in 0..<image.widthBytes * 8 where image.isBlack(x: ix, y: iy) {
                    canvas.fill(Rect(x: x + ix * scaleX, y: top + iy * scaleY, width: scaleX, height: scaleY), .black)
                }
            }
        case .blank: break
        }
    }

    /// The dots of one character cell: the glyph drawn at the height scale's size, thresholded to
    /// black and white as a thermal head prints, then stretched to the width scale.
    private mutating func glyph(_ key: GlyphKey) -> [Bool] {
        if let cached = glyphs[key] { return cached }
        let font = key.bold ? bold : regular
        let size = Self.pixelSize * key.heightScale
        let sourceWidth = Self.cellWidth * key.heightScale
        let height = Self.cellHeight * key.heightScale
        var cell = Canvas(width: sourceWidth, height: height, background: .white)
        let baseline =
            (height - font.ascent(pixelSize: size) - font.descent(pixelSize: size)) / 2 + font.ascent(pixelSize: size)
        font.draw(String(key.scalar), x: 0, baseline: baseline, pixelSize: size, color: .black, on: &cell)
        let width = Self.cellWidth * key.widthScale
        var mask = [Bool](repeating: false, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                mask[y * width + x] = cell.color(x: x * key.heightScale / key.widthScale, y: y).red < 128
            }
        }
        glyphs[key] = mask
        return mask
    }
}
