/// The size of the panel's picture in millimetres as the citizen sees it (`display.panelMillimetres`),
/// so touch targets and the number on the ticket screen are measured on the panel actually fitted.
public struct PanelSize: Sendable, Equatable {
    public var widthMillimetres: Double
    public var heightMillimetres: Double

    public init(widthMillimetres: Double, heightMillimetres: Double) {
        self.widthMillimetres = widthMillimetres
        self.heightMillimetres = heightMillimetres
    }

    /// The design panel, a 21.5-inch 16:9 display (476.6 × 268.1 mm of picture), turned like `size`.
    public static func designPanel(for size: ScreenSize) -> PanelSize {
        size.isPortrait
            ? PanelSize(widthMillimetres: 268.1, heightMillimetres: 476.6)
            : PanelSize(widthMillimetres: 476.6, heightMillimetres: 268.1)
    }

    /// Pixels per millimetre across the frame `size` (the smaller of the two directions, should the
    /// pixels not be square).
    public func pixelsPerMillimetre(_ size: ScreenSize) -> Double {
        min(Double(size.width) / widthMillimetres, Double(size.height) / heightMillimetres)
    }

    /// `pixels` of the frame `size` in millimetres on this panel.
    public func millimetres(_ pixels: Int, on size: ScreenSize) -> Double { Double(pixels) / pixelsPerMillimetre(size) }
}

extension KioskConfigReader {
    /// `{"width": 268, "height": 477}` in whole millimetres, the picture as the citizen sees it: the
    /// same orientation as `size`, with pixels near square.
    static func panel(_ node: ConfigNode, size: ScreenSize) throws(ConfigError) -> PanelSize {
        let object = try node.object().allowingOnly(["width", "height"])
        let example = size.isPortrait ? "{\"width\": 268, \"height\": 477}" : "{\"width\": 477, \"height\": 268}"
        let fix = "Write the panel's visible picture in whole millimetres as the citizen sees it, e.g. \(example) for a 21.5-inch panel."
        var millimetres: [Int] = []
        for key in ["width", "height"] {
            let side = try object.required(key, example: size.isPortrait == (key == "width") ? "268" : "477")
            let value = try side.integer(in: Int.min...Int.max)
            // A 7-inch panel's short side is ~87 mm; a 100-inch one's long side ~2,214 mm.
            guard (50...2500).contains(value) else {
                throw side.error("panel \(key) \(value) mm is not a kiosk panel's (50 to 2500 mm)", fix: fix)
            }
            millimetres.append(value)
        }
        let panel = PanelSize(widthMillimetres: Double(millimetres[0]), heightMillimetres: Double(millimetres[1]))
        // Pixels are near square on every panel made: a mismatch this large is a mistyped or turned size.
        let across = Double(size.width) / panel.widthMillimetres
        let down = Double(size.height) / panel.heightMillimetres
        let ratio = max(across, down) / min(across, down)
        guard ratio <= 1.15 else {
            let tenths = Int((ratio * 10).rounded())
            throw node.error(
                "a \(millimetres[0]) × \(millimetres[1]) mm panel does not fit the \(size.width) × \(size.height) frame: its pixels "
                    + "would be \(tenths / 10).\(tenths % 10) times as \(across < down ? "wide as tall" : "tall as wide")",
                fix: fix + " Width and height follow the frame's width and height.")
        }
        return panel
    }
}
