import Testing

@testable import KioskUI

/// The font's caches: text measured at many sizes keeps no masks, and the masks drawn stay within their budget.
@Suite struct GlyphCacheTests {
    let text = "Dinas Kependudukan dan Pencatatan Sipil — Civil Registry 0123456789"

    @Test func measuringGivesTheAdvanceDrawingMovesThePenByAndRendersNoMasks() throws {
        let font = try Font(path: FontFiles.regular)
        var canvas = Canvas(width: 8, height: 8)
        for size in stride(from: 12, through: 96, by: 7) {
            let masks = font.maskBytes
            let measured = font.measure(text, pixelSize: size)
            #expect(font.maskBytes == masks, "measuring at \(size) px rendered masks")
            let end = font.draw(text, x: 0, baseline: 4, pixelSize: size, color: .black, on: &canvas)
            #expect(end == measured, "at \(size) px")
        }
    }

    @Test func theMasksOfADayOfSizesStayWithinTheBudget() throws {
        let font = try Font(path: FontFiles.bold)
        var canvas = Canvas(width: 8, height: 8)
        var drawn = 0
        for size in 10...160 {
            font.draw(text, x: 0, baseline: 4, pixelSize: size, color: .black, on: &canvas)
            drawn += text.unicodeScalars.reduce(0) { $0 + font.glyph($1, size).coverage.count }
            #expect(font.maskBytes <= Font.maskBudget)
        }
        #expect(drawn > Font.maskBudget, "the test draws more than the budget, so the bound is exercised")
    }
}
