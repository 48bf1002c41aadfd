/// One thing to draw: a (rounded) box or a line of text.
enum Paint: Sendable, Equatable {
    case box(Rect, Color, radius: Int)
    case text(String, TextStyle, x: Int, baseline: Int, Color)
}

/// A composed screen: what to draw, in order, and the buttons it shows. `layout` and `render`
/// both come from one plan, so buttons are always drawn exactly where touches are tested.
struct ScreenPlan: Sendable, Equatable {
    var buttons: [ScreenLayout.Button] = []
    var paints: [Paint] = []

    var layout: ScreenLayout { ScreenLayout(buttons: buttons) }

    /// Draws every paint, in order, over `background`.
    func draw(width: Int, height: Int, background: Color, with typesetter: Typesetter) -> Canvas {
        var canvas = Canvas(width: width, height: height, background: background)
        draw(on: &canvas, background: background, with: typesetter)
        return canvas
    }

    /// Redraws the part of `canvas` inside its clip: the background, then every paint that reaches it.
    func draw(on canvas: inout Canvas, background: Color, with typesetter: Typesetter) {
        let clip = canvas.clip
        fillBackground(&canvas, background, clip: clip)
        for paint in paints where !paint.bounds(typesetter).intersection(clip).isEmpty {
            switch paint {
            case .box(let rect, let color, let radius):
                canvas.fillRounded(rect, radius: radius, color)
            case .text(let text, let style, let x, let baseline, let color):
                typesetter.font(style.face).draw(
                    text, x: x, baseline: baseline, pixelSize: style.size, color: color, on: &canvas)
            }
        }
    }

    /// Fills `clip` with `background`, except where a box's core (its rows between the rounded
    /// corners) lies: every box fills its core solid whatever is under it, so the background there
    /// would only be written twice. Bands between box edges, the gaps between cores filled per band.
    private func fillBackground(_ canvas: inout Canvas, _ background: Color, clip: Rect) {
        let cores = paints.compactMap { paint -> Rect? in
            guard case .box(let rect, _, let radius) = paint else { return nil }
            let r = max(0, min(radius, rect.width / 2, rect.height / 2))
            let core = Rect(x: rect.x, y: rect.y + r, width: rect.width, height: rect.height - 2 * r).intersection(clip)
            return core.isEmpty ? nil : core
        }
        let edges = Set([clip.y, clip.maxY] + cores.flatMap { [$0.y, $0.maxY] }).sorted()
        for (top, bottom) in zip(edges, edges.dropFirst()) {
            let spans = cores.filter { $0.y <= top && $0.maxY >= bottom }.sorted { $0.x < $1.x }
            var x = clip.x
            for span in spans {
                if span.x > x { canvas.fill(Rect(x: x, y: top, width: span.x - x, height: bottom - top), background) }
                x = max(x, span.maxX)
            }
            if x < clip.maxX { canvas.fill(Rect(x: x, y: top, width: clip.maxX - x, height: bottom - top), background) }
        }
    }

    /// Draws the button whose frame is `frame` pressed: its face (a box inside the frame in the
    /// button or navigation colour) darkened.
    mutating func press(_ frame: Rect) {
        for index in paints.indices {
            guard case .box(let rect, let color, let radius) = paints[index], rect.intersection(frame) == rect else { continue }
            if color == Theme.button { paints[index] = .box(rect, Theme.buttonPressed, radius: radius) }
            if color == Theme.navigation || color == Theme.paging {
                paints[index] = .box(rect, Theme.navigationPressed, radius: radius)
            }
        }
    }

    /// The rectangles whose pixels differ between `old` and this plan, at most `limit` of them.
    ///
    /// Paints common to the start and the end of both lists are drawn in the same order over the
    /// same pixels, so only the bounds of the paints between them can change.
    func damage(since old: ScreenPlan, typesetter: Typesetter, limit: Int = 8) -> [Rect] {
        let a = old.paints, b = paints
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let changed = a[prefix..<(a.count - suffix)] + b[prefix..<(b.count - suffix)]
        return DamageList.merged(changed.map { $0.bounds(typesetter) }, limit: limit)
    }
}

extension Paint {
    /// Every pixel this paint may touch: a text's box leaves room for accents and overhangs.
    func bounds(_ typesetter: Typesetter) -> Rect {
        switch self {
        case .box(let rect, _, _):
            return rect
        case .text(let text, let style, let x, let baseline, _):
            let font = typesetter.font(style.face)
            let margin = style.size / 4 + 2
            let top = baseline - font.ascent(pixelSize: style.size) - margin
            let bottom = baseline + font.descent(pixelSize: style.size) + margin
            return Rect(
                x: x - margin, y: top, width: font.measure(text, pixelSize: style.size) + 2 * margin, height: bottom - top)
        }
    }
}

/// Damage as a short list of rectangles.
public enum DamageList {
    /// `rects` without empty ones, overlapping ones joined, and at most `limit` of them (the
    /// smallest growth joins first), so a frame's copy stays a handful of rectangles.
    public static func merged(_ rects: [Rect], limit: Int) -> [Rect] {
        var result: [Rect] = []
        for rect in rects where !rect.isEmpty {
            var joined = rect
            var index = 0
            while index < result.count {
                if !result[index].intersection(joined).isEmpty {
                    joined = joined.union(result.remove(at: index))
                    index = 0
                } else {
                    index += 1
                }
            }
            result.append(joined)
        }
        while result.count > max(1, limit) {
            var best = (0, 1, Int.max)
            for i in result.indices {
                for j in result.indices where j > i {
                    let growth = result[i].union(result[j]).area - result[i].area - result[j].area
                    if growth < best.2 { best = (i, j, growth) }
                }
            }
            let joined = result[best.0].union(result[best.1])
            result.remove(at: best.1)
            result[best.0] = joined
            result = merged(result, limit: Int.max)
        }
        return result
    }
}
