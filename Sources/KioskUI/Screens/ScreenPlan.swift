/// One thing to draw: a (rounded) box or a line of text.
enum Paint: Sendable, Equatable {
    case box(Rect, Color, radius: Int)
    case text(String, TextStyle, x: Int, baseline: Int, Color)
}

/// A composed screen: what to draw, in order, and the buttons it shows. `layout` and `render`
/// both come from one plan, so buttons are always drawn exactly where touches are tested.
struct ScreenPlan: Sendable {
    var buttons: [ScreenLayout.Button] = []
    var paints: [Paint] = []

    var layout: ScreenLayout { ScreenLayout(buttons: buttons) }

    /// Draws every paint, in order, over `background`.
    func draw(width: Int, height: Int, background: Color, with typesetter: Typesetter) -> Canvas {
        var canvas = Canvas(width: width, height: height, background: background)
        for paint in paints {
            switch paint {
            case .box(let rect, let color, let radius):
                canvas.fillRounded(rect, radius: radius, color)
            case .text(let text, let style, let x, let baseline, let color):
                typesetter.font(style.face).draw(
                    text, x: x, baseline: baseline, pixelSize: style.size, color: color, on: &canvas)
            }
        }
        return canvas
    }
}
