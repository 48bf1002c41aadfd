import KioskCore

/// Where the fixed parts of every screen go at one screen size: header band, title, content,
/// footer buttons and the button grids. Depends on the size alone (no fonts), so the runtime can
/// ask for page capacities before anything is drawn.
///
/// Lengths are designed for a 1080-pixel short side and scaled to the actual short side.
struct ScreenGeometry: Sendable {
    let width: Int
    let height: Int
    let isPortrait: Bool
    private let scale: Double

    init(_ size: ScreenSize) {
        width = size.width
        height = size.height
        isPortrait = size.isPortrait
        scale = Double(min(size.width, size.height)) / 1080
    }

    /// `designPixels` at this screen's scale.
    func px(_ designPixels: Double) -> Int { Int((designPixels * scale).rounded()) }

    var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }
    var margin: Int { px(40) }
    var gap: Int { px(24) }
    var cornerRadius: Int { px(18) }

    var header: Rect { Rect(x: 0, y: 0, width: width, height: px(isPortrait ? 130 : 110)) }
    var title: Rect {
        Rect(x: margin, y: header.maxY + px(20), width: width - 2 * margin, height: px(isPortrait ? 150 : 100))
    }

    // MARK: Footer: Back on the left; Previous, the page indicator and Next on the right.

    var footer: Rect {
        let buttonHeight = px(isPortrait ? 140 : 120)
        return Rect(x: margin, y: height - margin - buttonHeight, width: width - 2 * margin, height: buttonHeight)
    }
    private var footerButtonWidth: Int { min(px(380), (footer.width - 2 * gap) / 3) }
    private var inlinePageIndicatorWidth: Int { px(440) }
    /// Wide screens show "Page 1 of 3" between Previous and Next; narrow ones on a line above the footer.
    private var pageIndicatorIsInline: Bool {
        footer.width >= 3 * footerButtonWidth + 3 * gap + inlinePageIndicatorWidth
    }

    var backButton: Rect { Rect(x: footer.x, y: footer.y, width: footerButtonWidth, height: footer.height) }
    var nextButton: Rect {
        Rect(x: footer.maxX - footerButtonWidth, y: footer.y, width: footerButtonWidth, height: footer.height)
    }
    var previousButton: Rect {
        let right = pageIndicatorIsInline ? pageIndicator.x : nextButton.x
        return Rect(x: right - gap - footerButtonWidth, y: footer.y, width: footerButtonWidth, height: footer.height)
    }
    var pageIndicator: Rect {
        if pageIndicatorIsInline {
            let indicatorWidth = inlinePageIndicatorWidth
            return Rect(
                x: nextButton.x - gap - indicatorWidth, y: footer.y, width: indicatorWidth, height: footer.height)
        }
        return Rect(x: margin, y: footer.y - gap - px(60), width: footer.width, height: px(60))
    }
    /// The "Done" button of the ticket screen, centred in the footer.
    var doneButton: Rect {
        let buttonWidth = min(footer.width, px(560))
        return Rect(x: (width - buttonWidth) / 2, y: footer.y, width: buttonWidth, height: footer.height)
    }

    /// Between the title and the footer (and the page indicator when it has its own line).
    var content: Rect {
        let top = title.maxY + px(20)
        let bottom = pageIndicatorIsInline ? footer.y - gap : pageIndicator.y - px(12)
        return Rect(x: margin, y: top, width: width - 2 * margin, height: max(1, bottom - top))
    }

    // MARK: Button grids

    /// Short agency names: every agency of a mall the size of MPP Badung (31) fits one screen in
    /// either orientation at 1080 pixels, under the letter index, each button at least 76 design
    /// pixels tall (18.9 mm on the 21.5" design panel).
    private static let agencyGrid = GridSpec(minimumCellWidth: 280, cellHeight: 76, gap: 14)
    /// The letter index's keys: at least 64 design pixels wide (15.9 mm on the design panel), at most
    /// 140, and 90 tall in portrait (22.3 mm), 72 in landscape (17.9 mm), where the agencies need the
    /// height; room is kept for all 26 letters, however many a catalogue uses.
    private static let letterKey = (minimumWidth: 64.0, maximumWidth: 140.0, gap: 6.0)
    private var letterKeyHeight: Double { isPortrait ? 90 : 72 }
    private static let serviceGrid = GridSpec(minimumCellWidth: 800, cellHeight: 170, gap: 20)

    /// Where the agency (or category) buttons go: between the title and the footer.
    var agencyArea: Rect {
        let top = title.maxY + px(20)
        let bottom = pageIndicatorIsInline ? footer.y - gap : pageIndicator.y - px(12)
        return Rect(x: margin, y: top, width: width - 2 * margin, height: max(1, bottom - top))
    }

    /// Frames for `count` agency (or category) buttons, row by row, in `area`: the rows share the
    /// area's height, each at most 190 design pixels, so a short list gets larger buttons.
    func agencyCells(count: Int, in area: Rect) -> [Rect] {
        let columns = columns(Self.agencyGrid, in: area)
        let rows = max(1, (count + columns - 1) / columns)
        let rowHeight = min(px(190) + px(Self.agencyGrid.gap), (area.height + px(Self.agencyGrid.gap)) / rows)
        let used = Rect(x: area.x, y: area.y, width: area.width, height: rowHeight * rows - px(Self.agencyGrid.gap))
        return cells(Self.agencyGrid, count: count, in: used, rows: rows)
    }
    /// Frames for `count` service buttons of one page, row by row.
    func serviceCells(count: Int) -> [Rect] {
        cells(Self.serviceGrid, count: count, in: content, rows: rows(Self.serviceGrid, in: content))
    }

    /// Frames of the letter index's `count` keys, in rows across the top of `area`, and the part of
    /// `area` left below them for the agency buttons.
    func letterIndex(count: Int, in area: Rect) -> (keys: [Rect], rest: Rect) {
        guard count > 0 else { return ([], area) }
        let gap = px(Self.letterKey.gap)
        let perRowMost = max(1, (area.width + gap) / (px(Self.letterKey.minimumWidth) + gap))
        let rows = (count + perRowMost - 1) / perRowMost
        let perRow = (count + rows - 1) / rows
        let keyWidth = min(px(Self.letterKey.maximumWidth), (area.width - (perRow - 1) * gap) / perRow)
        let keyHeight = px(letterKeyHeight)
        let keys = (0..<count).map { index in
            Rect(
                x: area.x + index % perRow * (keyWidth + gap), y: area.y + index / perRow * (keyHeight + gap),
                width: keyWidth, height: keyHeight)
        }
        let top = area.y + rows * (keyHeight + gap) - gap + self.gap
        return (keys, Rect(x: area.x, y: top, width: area.width, height: max(1, area.maxY - top)))
    }

    /// The first screen's agency grid: the agency area under a letter index of all 26 letters.
    var homeAgencyArea: Rect { letterIndex(count: 26, in: agencyArea).rest }

    var agencyCapacity: Int { columns(Self.agencyGrid, in: homeAgencyArea) * rows(Self.agencyGrid, in: homeAgencyArea) }
    var serviceCapacity: Int { columns(Self.serviceGrid, in: content) * rows(Self.serviceGrid, in: content) }

    private struct GridSpec {
        var minimumCellWidth: Double
        var cellHeight: Double
        var gap: Double
    }

    private func columns(_ spec: GridSpec, in area: Rect) -> Int {
        max(1, (area.width + px(spec.gap)) / (px(spec.minimumCellWidth) + px(spec.gap)))
    }

    private func rows(_ spec: GridSpec, in area: Rect) -> Int {
        max(1, (area.height + px(spec.gap)) / (px(spec.cellHeight) + px(spec.gap)))
    }

    /// Cells of `rows` rows fill `content`; more buttons than fit squeeze the rows.
    private func cells(_ spec: GridSpec, count: Int, in content: Rect, rows: Int) -> [Rect] {
        let columns = columns(spec, in: content)
        let gap = px(spec.gap)
        let rows = max(rows, (count + columns - 1) / columns)
        let cellWidth = (content.width - (columns - 1) * gap) / columns
        let cellHeight = (content.height - (rows - 1) * gap) / rows
        return (0..<count).map { index in
            Rect(
                x: content.x + index % columns * (cellWidth + gap), y: content.y + index / columns * (cellHeight + gap),
                width: cellWidth, height: cellHeight)
        }
    }
}

/// How many buttons fit a page; the runtime puts these into `FlowSettings`.
public enum LayoutMetrics {
    /// How many agency buttons and service buttons fit one page at `size`.
    public static func pageCapacity(for size: ScreenSize) -> (agencies: Int, services: Int) {
        let geometry = ScreenGeometry(size)
        return (geometry.agencyCapacity, geometry.serviceCapacity)
    }
}
