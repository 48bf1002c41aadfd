import KioskCore
import Testing

@testable import KioskUI

/// Wrapping, ellipsizing and fitting keep text inside its box.
@Suite struct TextLayoutTests {
    let typesetter: Typesetter
    let style = TextStyle(face: .bold, size: 36)

    init() throws { typesetter = try Typesetter() }

    @Test func wrappingKeepsEveryWordAndEveryLineFits() {
        let text = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Badung"
        let lines = typesetter.wrap(text, style, width: 400)
        #expect(lines.count > 1)
        #expect(lines.joined(separator: " ") == text)
        for line in lines { #expect(typesetter.width(line, style) <= 400, "\(line)") }
    }

    @Test func aWordWiderThanTheBoxIsBrokenNotOverflowed() {
        let lines = typesetter.wrap("Pengembangansumberdayamanusiaaparatur", style, width: 200)
        #expect(lines.count > 1)
        #expect(lines.joined() == "Pengembangansumberdayamanusiaaparatur")
        for line in lines { #expect(typesetter.width(line, style) <= 200) }
    }

    @Test func textBeyondTheLastLineEndsInAnEllipsis() {
        let text = "Ombudsman Republik Indonesia Perwakilan Provinsi Bali dan Nusa Tenggara"
        let lines = typesetter.wrap(text, style, width: 300, maxLines: 2)
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("…"))
        for line in lines { #expect(typesetter.width(line, style) <= 300) }
    }

    @Test func ellipsizeLeavesShortTextAlone() {
        #expect(typesetter.ellipsize("Tutup", style, width: 500) == "Tutup")
        let cut = typesetter.ellipsize("Kuota hari ini habis", style, width: 220)
        #expect(cut.hasSuffix("…") && cut.hasPrefix("Kuota"))
        #expect(typesetter.width(cut, style) <= 220)
    }

    @Test func fittingShrinksTheTextUntilItFits() {
        let block = typesetter.fit(
            "Perekaman KTP Elektronik", .bold, preferred: 80, minimum: 20, width: 500, height: 100, maxLines: 1)
        #expect(block.lines == ["Perekaman KTP Elektronik"])
        #expect(block.style.size < 80 && block.style.size >= 20)
        #expect(typesetter.width(block.lines[0], block.style) <= 500)
        let roomy = typesetter.fit("Tutup", .bold, preferred: 80, minimum: 20, width: 500, height: 100, maxLines: 1)
        #expect(roomy.style.size == 80)
    }

    /// Every line of text on every screen stays inside the screen, and a label that starts in a
    /// button stays inside that button.
    @Test(arguments: Fixtures.screenCases)
    func noTextOverflowsItsButtonOrTheScreen(_ screen: ScreenCase) throws {
        let renderer = try Fixtures.renderer(screen.size)
        let plan = renderer.plan(screen.state, screen.settings, Fixtures.now)
        let font = { (face: Typeface) in try Typesetter().font(face) }
        for paint in plan.paints {
            guard case .text(let line, let style, let x, let baseline, _) = paint else { continue }
            let f = try font(style.face)
            let box = Rect(
                x: x, y: baseline - f.ascent(pixelSize: style.size), width: f.measure(line, pixelSize: style.size),
                height: f.ascent(pixelSize: style.size) + f.descent(pixelSize: style.size))
            #expect(
                box.x >= 0 && box.maxX <= screen.size.width && box.y >= 0 && box.maxY <= screen.size.height, "\(line)")
            let header = ScreenGeometry(screen.size).header
            #expect(box.maxY <= header.maxY || box.y >= header.maxY, "\(line) crosses the header's edge")
            for button in plan.buttons where button.frame.contains(x: x, y: baseline) && button.action != .stillHere {
                let frame = button.frame
                #expect(
                    box.x >= frame.x && box.maxX <= frame.maxX && box.y >= frame.y && box.maxY <= frame.maxY,
                    "\(line) leaves its button \(button.action)")
            }
        }
    }
}
