/// Reads the `input` object of a kiosk configuration; see kiosk-config/README.md.
extension KioskConfigReader {
    static func input(_ node: ConfigNode) throws(ConfigError) -> InputConfig {
        let object = try node.object()
        let kind = try object.required("kind", example: "\"evdev\"").choice("device kind", of: InputConfig.Kind.self)
        let checked = try object.allowingOnly([
            "kind", "path", "x", "y", "match", "calibration", "rotation", "swapAxes", "invertX", "invertY", "gestures",
        ])
        return InputConfig(
            kind: kind, path: try checked.required("path", example: "\"/dev/input/event0\"").path("input device"),
            xRange: try checked.optional("x").map(axisRange), yRange: try checked.optional("y").map(axisRange),
            match: try checked.optional("match").map(inputMatch) ?? InputMatch(),
            calibration: try checked.optional("calibration").map(calibrationMatrix),
            orientation: TouchOrientation(
                rotation: try checked.optional("rotation").map(rotation) ?? 0,
                swapAxes: try checked.optional("swapAxes")?.bool() ?? false,
                invertX: try checked.optional("invertX")?.bool() ?? false,
                invertY: try checked.optional("invertY")?.bool() ?? false),
            gestures: try checked.optional("gestures").map(gestureTimings) ?? GestureTimings())
    }

    /// `{"name": "ILITEK", "vendorProduct": "222a:0001"}`, either or both.
    private static func inputMatch(_ node: ConfigNode) throws(ConfigError) -> InputMatch {
        let object = try node.object().allowingOnly(["name", "vendorProduct"])
        var match = InputMatch(name: try object.optional("name")?.nonBlankString("device name"))
        if let pairNode = object.optional("vendorProduct") {
            let pair = try pairNode.string().lowercased()
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) }) else {
                throw pairNode.error(
                    "vendorProduct \"\(pair)\" is not vvvv:pppp",
                    fix: "Write four hex digits, a colon and four hex digits, as lsusb shows them: \"222a:0001\".")
            }
            match.vendorProduct = pair
        }
        return match
    }

    /// Six finite numbers `[a, b, c, d, e, f]` whose 2×2 part `a b / d e` is invertible.
    private static func calibrationMatrix(_ node: ConfigNode) throws(ConfigError) -> [Double] {
        let elements = try node.elements()
        let fix = "Write six numbers as libinput's LIBINPUT_CALIBRATION_MATRIX, e.g. [1, 0, 0, 0, 1, 0] for none."
        guard elements.count == 6 else {
            throw node.error("calibration has \(elements.count) numbers, not 6", fix: fix)
        }
        var values: [Double] = []
        for element in elements {
            guard case .number(let text) = element.value.content, let value = Double(text), value.isFinite else {
                throw element.error("expected a number, found \(element.shown)", fix: fix)
            }
            values.append(value)
        }
        guard abs(values[0] * values[4] - values[1] * values[3]) > 1e-9 else {
            throw node.error("calibration squashes the panel onto a line (a·e − b·d is 0)", fix: fix)
        }
        return values
    }

    private static func rotation(_ node: ConfigNode) throws(ConfigError) -> Int {
        let degrees = try node.integer(in: 0...270)
        guard degrees % 90 == 0 else {
            throw node.error("rotation \(degrees) is not a quarter turn", fix: "Use 0, 90, 180 or 270.")
        }
        return degrees
    }

    private static func gestureTimings(_ node: ConfigNode) throws(ConfigError) -> GestureTimings {
        let object = try node.object().allowingOnly([
            "tapSlopMillimetres", "tapSlopPixels", "longPressMilliseconds", "debounceMilliseconds", "stuckContactSeconds",
        ])
        var timings = GestureTimings()
        if let slop = object.optional("tapSlopMillimetres") { timings.tapSlopMillimetres = Double(try slop.integer(in: 1...50)) }
        if let slop = object.optional("tapSlopPixels") { timings.tapSlopPixels = try slop.integer(in: 1...500) }
        if let hold = object.optional("longPressMilliseconds") {
            timings.longPressMilliseconds = try hold.integer(in: 200...10_000)
        }
        if let window = object.optional("debounceMilliseconds") {
            timings.debounceMilliseconds = try window.integer(in: 0...5_000)
        }
        if let limit = object.optional("stuckContactSeconds") { timings.stuckContactSeconds = try limit.integer(in: 2...3_600) }
        return timings
    }
}
