import KioskCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

@testable import KioskUI

/// Every text on every screen stands at least 7:1 against what it is drawn on (WCAG AAA), and
/// every touch target is at least 15 mm in both directions on the kiosk's panel.
@Suite struct ContrastAndTargetTests {
    /// The panel the screens are designed for: a 21.5-inch 1080×1920 kiosk display, 476.6 × 268.1 mm
    /// of picture, about 4.03 pixels per millimetre (larger kiosk panels have larger pixels), the
    /// default of `display.panelMillimetres`.
    static let pixelsPerMillimetre = PanelSize.designPanel(for: Fixtures.portrait).pixelsPerMillimetre(Fixtures.portrait)

    /// WCAG 2 relative luminance of an sRGB colour.
    static func luminance(_ color: Color) -> Double {
        func channel(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(color.red) + 0.7152 * channel(color.green) + 0.0722 * channel(color.blue)
    }

    static func contrast(_ a: Color, _ b: Color) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    @Test func theContrastFormulaMatchesWCAG() {
        #expect(abs(Self.contrast(.black, .white) - 21) < 0.001)
        #expect(abs(Self.contrast(Color(hex: 0x777777), .white) - 4.48) < 0.01)
    }

    /// Each visible text of `plan` below 7:1 against what it is drawn on: the last box painted
    /// before it under its first glyph (or the screen's background). A text a later box covers
    /// (the screen behind "Still there?") is not seen.
    static func lowContrastTexts(_ plan: ScreenPlan) -> [(String, Double)] {
        plan.paints.enumerated().compactMap { index, paint in
            guard case .text(let line, _, let x, let baseline, let color) = paint else { return nil }
            let covered = plan.paints[(index + 1)...].contains {
                if case .box(let rect, _, _) = $0 { rect.contains(x: x + 1, y: baseline - 2) } else { false }
            }
            if covered { return nil }
            let ground = plan.paints[..<index].reversed().lazy.compactMap { (earlier: Paint) -> Color? in
                guard case .box(let rect, let fill, _) = earlier, rect.contains(x: x + 1, y: baseline - 2) else { return nil }
                return fill
            }.first ?? Theme.background
            let ratio = contrast(color, ground)
            return ratio < 7 ? (line, ratio) : nil
        }
    }

    @Test(arguments: Fixtures.screenCases)
    func everyTextIsAtLeastSevenToOne(_ screen: ScreenCase) throws {
        let plan = try Fixtures.renderer(screen.size).plan(screen.state, screen.settings, screen.now)
        for (line, ratio) in Self.lowContrastTexts(plan) {
            Issue.record("\(screen.name): \"\(line)\" is \(ratio):1")
        }
    }

    /// A button under the citizen's finger is drawn darker (``ScreenPlan/press(_:)``): its label
    /// must still stand 7:1 on the pressed colour.
    @Test(arguments: Fixtures.screenCases)
    func everyPressedButtonLabelIsAtLeastSevenToOne(_ screen: ScreenCase) throws {
        let plan = try Fixtures.renderer(screen.size).plan(screen.state, screen.settings, screen.now)
        for button in plan.buttons {
            var pressed = plan
            pressed.press(button.frame)
            for (line, ratio) in Self.lowContrastTexts(pressed) {
                Issue.record("\(screen.name), \(button.action) pressed: \"\(line)\" is \(ratio):1")
            }
        }
    }

    @Test(arguments: Fixtures.screenCases.filter { $0.size != Fixtures.small })
    func everyTouchTargetIsAtLeast15Millimetres(_ screen: ScreenCase) throws {
        let layout = try Fixtures.renderer(screen.size).layout(screen.state, settings: screen.settings, now: screen.now)
        for button in layout.buttons {
            let millimetres = Double(min(button.frame.width, button.frame.height)) / Self.pixelsPerMillimetre
            #expect(millimetres >= 15, "\(screen.name): \(button.action) is \(millimetres) mm")
        }
    }

    /// The smallest touch target of every full-size screen, and the smallest 16:9 panel on which
    /// it is still 15 mm: the bar holds on the 21.5-inch design panel and on any larger one.
    @Test func theSmallestTargetNeedsAPanelNoSmallerThanTheDesignPanel() throws {
        var smallest = (pixels: Int.max, where: "")
        for screen in Fixtures.screenCases where screen.size != Fixtures.small {
            let layout = try Fixtures.renderer(screen.size).layout(screen.state, settings: screen.settings, now: screen.now)
            for button in layout.buttons where min(button.frame.width, button.frame.height) < smallest.pixels {
                smallest = (min(button.frame.width, button.frame.height), "\(screen.name) \(button.action)")
            }
        }
        // 15 mm over `pixels` pixels; the long side's 1920 pixels at that pitch; its diagonal at 16:9.
        let longSideMillimetres = 1920 * 15 / Double(smallest.pixels)
        let diagonalInches = longSideMillimetres * (1 + 81.0 / 256).squareRoot() / 25.4
        print("smallest touch target \(smallest.pixels) px (\(smallest.where)): 15 mm on a 1080x1920 panel of \(diagonalInches) inches or more")
        #expect(diagonalInches <= 21.5)
    }

    /// `kioskctl doctor`'s measure of the bars on a configured panel: the design panel passes in both
    /// orientations; a 10.1-inch panel at the same 1080 × 1920 (pixels of 0.116 mm) does not.
    @Test(arguments: Fixtures.sizes)
    func theBarsAreMeasuredOnTheConfiguredPanel(_ size: ScreenSize) throws {
        let renderer = try Fixtures.renderer(size)
        let settings = Fixtures.settings(size)
        let design = renderer.measure(on: .designPanel(for: size), settings: settings, now: Fixtures.now)
        print(design.summary(.designPanel(for: size)))
        #expect(design.meetsBars, "\(design)")
        let small = size.isPortrait
            ? PanelSize(widthMillimetres: 126, heightMillimetres: 223) : PanelSize(widthMillimetres: 223, heightMillimetres: 126)
        let tenInch = renderer.measure(on: small, settings: settings, now: Fixtures.now)
        print(tenInch.summary(small))
        #expect(!tenInch.meetsBars && tenInch.smallestTargetMillimetres < 15)
        #expect(abs(tenInch.ticketNumberMillimetres / design.ticketNumberMillimetres - 126 / 268.1) < 0.01)
    }
}
