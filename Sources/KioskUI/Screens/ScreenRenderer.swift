import KioskCore

/// Draws the kiosk's screens and says where their buttons are.
///
/// Layout is pure and deterministic: the same state, settings and time always give the same
/// rectangles, and `render` draws the buttons exactly where `layout` puts them (both come from
/// one composed plan). Not thread-safe (it owns FreeType faces and their glyph caches).
public final class ScreenRenderer {
    /// The size of every frame this renderer draws.
    public let size: ScreenSize
    private let geometry: ScreenGeometry
    private let typesetter: Typesetter
    private let mallName: LocalizedText
    private let kioskID: String
    /// The last composed plan and what it was composed from (its minute: screens show no seconds),
    /// so a press or a frame for an unchanged screen does not typeset it all again.
    private var composed: (state: KioskState, settings: FlowSettings, minute: Int64, plan: ScreenPlan)?
    /// The plan last drawn by ``render(_:settings:now:pressed:into:)``, what its canvas shows.
    private var shown: ScreenPlan?

    /// Loads the fonts; throws FontError naming the missing font file.
    public init(size: ScreenSize, mallName: LocalizedText, kioskID: String) throws {
        self.size = size
        geometry = ScreenGeometry(size)
        typesetter = try Typesetter()
        self.mallName = mallName
        self.kioskID = kioskID
    }

    /// The marked spot a long press on the first screen turns the speech guidance on from: the footer strip.
    public var speechSpot: Rect { geometry.footer }

    /// The buttons of `state`'s screen at `now`.
    public func layout(_ state: KioskState, settings: FlowSettings, now: Timestamp) -> ScreenLayout {
        plan(state, settings, now).layout
    }

    /// The full frame of `state`'s screen at `now`, `size.width` × `size.height`.
    public func render(_ state: KioskState, settings: FlowSettings, now: Timestamp) -> Canvas {
        plan(state, settings, now).draw(
            width: size.width, height: size.height, background: Theme.background, with: typesetter)
    }

    /// Brings `canvas` (which shows what the previous call drew, or anything on the first call) to
    /// `state`'s screen at `now`, with the button whose frame is `pressed` drawn pressed; redraws
    /// only the rectangles that change and returns them (the whole canvas the first time).
    public func render(
        _ state: KioskState, settings: FlowSettings, now: Timestamp, pressed: Rect? = nil, into canvas: inout Canvas
    ) -> [Rect] {
        precondition(canvas.width == size.width && canvas.height == size.height, "the canvas is the screen's size")
        var next = plan(state, settings, now)
        if let pressed { next.press(pressed) }
        let damage = shown.map { next.damage(since: $0, typesetter: typesetter) } ?? [canvas.bounds]
        for rect in damage {
            canvas.setClip(rect)
            next.draw(on: &canvas, background: Theme.background, with: typesetter)
        }
        canvas.setClip(nil)
        shown = next
        return damage
    }

    /// The inked height in pixels of `scalar` drawn in `style`.
    func glyphHeight(_ scalar: Unicode.Scalar, _ style: TextStyle) -> Int {
        typesetter.font(style.face).glyph(scalar, style.size).height
    }

    /// Forgets what the last canvas showed, so the next ``render(_:settings:now:pressed:into:)`` draws it all.
    public func invalidate() { shown = nil }

    /// The composed screen; internal so tests can check what is drawn where.
    func plan(_ state: KioskState, _ settings: FlowSettings, _ now: Timestamp) -> ScreenPlan {
        let minute = now.millisecondsSinceEpoch / 60_000
        if let composed, composed.minute == minute, composed.state == state, composed.settings == settings {
            return composed.plan
        }
        let plan = compose(state, settings, now)
        composed = (state, settings, minute, plan)
        return plan
    }

    private func compose(_ state: KioskState, _ settings: FlowSettings, _ now: Timestamp) -> ScreenPlan {
        var composer = ScreenComposer(
            geometry: geometry, typesetter: typesetter, mallName: mallName, kioskID: kioskID, state: state,
            settings: settings, now: now)
        return composer.compose()
    }
}
