/// A colour with 8-bit red, green and blue channels.
public struct Color: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(red: UInt8(hex >> 16 & 0xFF), green: UInt8(hex >> 8 & 0xFF), blue: UInt8(hex & 0xFF))
    }

    public static let white = Color(hex: 0xFFFFFF)
    public static let black = Color(hex: 0x000000)

    /// The pixel in XRGB8888, the layout of DRM dumb buffers and most framebuffers.
    var xrgb: UInt32 { UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue) }
}

/// An integer rectangle in pixels.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var area: Int { isEmpty ? 0 : width * height }

    /// The part of this rectangle inside `other` (empty when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }

    /// The smallest rectangle holding both (an empty one counts as nothing).
    public func union(_ other: Rect) -> Rect {
        if isEmpty { return other }
        if other.isEmpty { return self }
        let x0 = min(x, other.x), y0 = min(y, other.y)
        return Rect(x: x0, y: y0, width: max(maxX, other.maxX) - x0, height: max(maxY, other.maxY) - y0)
    }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// The rectangle shrunk by `amount` on every side.
    public func inset(by amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: max(0, width - 2 * amount), height: max(0, height - 2 * amount))
    }
}

/// A pixel buffer in XRGB8888 that screens and printed tickets are drawn into.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major pixels, `0x00RRGGBB`.
    public private(set) var pixels: [UInt32]
    /// Drawing outside this rectangle is discarded: a partial redraw touches only its damage.
    public private(set) var clip: Rect

    public init(width: Int, height: Int, background: Color = .white) {
        precondition(width > 0 && height > 0, "a canvas has at least one pixel")
        self.width = width
        self.height = height
        clip = Rect(x: 0, y: 0, width: width, height: height)
        pixels = [UInt32](repeating: background.xrgb, count: width * height)
    }

    /// Every pixel of the canvas.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Limits drawing to `rect` (within the canvas); `nil` allows the whole canvas again.
    public mutating func setClip(_ rect: Rect?) { clip = rect.map { $0.intersection(bounds) } ?? bounds }

    /// A canvas holding `pixels` (row-major `0x00RRGGBB`, `width * height` of them), e.g. a decoded image.
    public init(width: Int, height: Int, pixels: [UInt32]) {
        precondition(width > 0 && height > 0, "a canvas has at least one pixel")
        precondition(pixels.count == width * height, "a canvas needs width × height pixels")
        self.width = width
        self.height = height
        clip = Rect(x: 0, y: 0, width: width, height: height)
        self.pixels = pixels
    }

    /// The colour at (`x`, `y`).
    public func color(x: Int, y: Int) -> Color { Color(hex: pixels[y * width + x]) }

    /// Fills `rect`, clipped to the canvas and its clip.
    public mutating func fill(_ rect: Rect, _ color: Color) {
        let x0 = max(clip.x, rect.x), x1 = min(clip.maxX, rect.maxX)
        let y0 = max(clip.y, rect.y), y1 = min(clip.maxY, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let value = color.xrgb, count = x1 - x0
        pixels.withUnsafeMutableBufferPointer { buffer in
            // One vectorised store run a row (the per-pixel loop with overflow checks was a third of a full frame).
            var row = buffer.baseAddress! + (y0 * width + x0)
            for _ in y0..<y1 {
                row.update(repeating: value, count: count)
                row += width
            }
        }
    }

    /// Draws a `thickness`-pixel outline inside `rect`.
    public mutating func stroke(_ rect: Rect, _ color: Color, thickness: Int = 2) {
        fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: thickness), color)
        fill(Rect(x: rect.x, y: rect.maxY - thickness, width: rect.width, height: thickness), color)
        fill(Rect(x: rect.x, y: rect.y, width: thickness, height: rect.height), color)
        fill(Rect(x: rect.maxX - thickness, y: rect.y, width: thickness, height: rect.height), color)
    }

    /// Fills `rect` with corners rounded to `radius`, anti-aliased, clipped to the canvas.
    public mutating func fillRounded(_ rect: Rect, radius: Int, _ color: Color) {
        let r = max(0, min(radius, rect.width / 2, rect.height / 2))
        guard r > 0 else { return fill(rect, color) }
        fill(Rect(x: rect.x, y: rect.y + r, width: rect.width, height: rect.height - 2 * r), color)
        fill(Rect(x: rect.x + r, y: rect.y, width: rect.width - 2 * r, height: r), color)
        fill(Rect(x: rect.x + r, y: rect.maxY - r, width: rect.width - 2 * r, height: r), color)
        // Each corner square: coverage from the distance to the corner circle's centre, worked out
        // once for the four corners.
        let radiusValue = Double(r)
        let corner = (0..<r * r).map { index -> UInt8 in
            let fx = radiusValue - (Double(index % r) + 0.5), fy = radiusValue - (Double(index / r) + 0.5)
            let coverage = min(1, max(0, radiusValue - (fx * fx + fy * fy).squareRoot() + 0.5))
            return UInt8((coverage * 255).rounded())
        }
        for dy in 0..<r {
            for dx in 0..<r {
                let alpha = corner[dy * r + dx]
                guard alpha > 0 else { continue }
                blend(x: rect.x + dx, y: rect.y + dy, color, alpha: alpha)
                blend(x: rect.maxX - 1 - dx, y: rect.y + dy, color, alpha: alpha)
                blend(x: rect.x + dx, y: rect.maxY - 1 - dy, color, alpha: alpha)
                blend(x: rect.maxX - 1 - dx, y: rect.maxY - 1 - dy, color, alpha: alpha)
            }
        }
    }

    /// Blends `color` through an 8-bit coverage mask whose top-left pixel lands on (`x`, `y`),
    /// clipped to the canvas: the fast path for drawing glyphs.
    mutating func blendMask(
        _ coverage: [UInt8], width maskWidth: Int, height maskHeight: Int, x: Int, y: Int, _ color: Color
    ) {
        let column0 = max(0, clip.x - x), column1 = min(maskWidth, clip.maxX - x)
        let row0 = max(0, clip.y - y), row1 = min(maskHeight, clip.maxY - y)
        guard column0 < column1, row0 < row1 else { return }
        let red = UInt32(color.red), green = UInt32(color.green), blue = UInt32(color.blue)
        let solid = color.xrgb
        let canvasWidth = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            coverage.withUnsafeBufferPointer { mask in
                // Rows as pointers: the clip above keeps every pixel inside both buffers, and the
                // channel sums stay below 2^17, so the wrapping operators cannot wrap.
                let count = column1 - column0
                var source = mask.baseAddress! + (row0 * maskWidth + column0)
                var target = buffer.baseAddress! + ((y + row0) * canvasWidth + x + column0)
                for _ in row0..<row1 {
                    for column in 0..<count {
                        let a = UInt32(source[column])
                        if a == 0 { continue }
                        if a == 255 {
                            target[column] = solid
                            continue
                        }
                        let under = target[column], ia = 255 &- a
                        let r = (red &* a &+ (under >> 16 & 0xFF) &* ia &+ 127) / 255
                        let g = (green &* a &+ (under >> 8 & 0xFF) &* ia &+ 127) / 255
                        let b = (blue &* a &+ (under & 0xFF) &* ia &+ 127) / 255
                        target[column] = r << 16 | g << 8 | b
                    }
                    source += maskWidth
                    target += canvasWidth
                }
            }
        }
    }

    /// Blends `color` over the pixel at (`x`, `y`) with coverage `alpha` (0 transparent … 255 opaque).
    @inline(__always)
    public mutating func blend(x: Int, y: Int, _ color: Color, alpha: UInt8) {
        guard clip.contains(x: x, y: y), alpha > 0 else { return }
        let index = y * width + x
        if alpha == 255 {
            pixels[index] = color.xrgb
            return
        }
        let under = pixels[index]
        let a = UInt32(alpha), ia = 255 - a
        func mix(_ top: UInt8, _ shift: UInt32) -> UInt32 {
            ((UInt32(top) * a + (under >> shift & 0xFF) * ia + 127) / 255) << shift
        }
        pixels[index] = mix(color.red, 16) | mix(color.green, 8) | mix(color.blue, 0)
    }

    /// Writes row `y` as RGB bytes (3 a pixel) into `row`, which holds at least `width * 3` bytes.
    public func copyRGBRow(_ y: Int, into row: UnsafeMutableBufferPointer<UInt8>) {
        precondition(y >= 0 && y < height && row.count >= width * 3, "row \(y) does not fit")
        pixels.withUnsafeBufferPointer { source in
            let start = y * width
            for x in 0..<width {
                let pixel = source[start + x]
                row[3 * x] = UInt8(pixel >> 16 & 0xFF)
                row[3 * x + 1] = UInt8(pixel >> 8 & 0xFF)
                row[3 * x + 2] = UInt8(pixel & 0xFF)
            }
        }
    }
}

extension Canvas {
    /// Copies `rect` (clipped to both) from `other`, a canvas of the same size, row by row.
    public mutating func copy(_ rect: Rect, from other: Canvas) {
        precondition(other.width == width && other.height == height, "copies between canvases of one size")
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let rowWidth = width
        other.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                for y in area.y..<area.maxY {
                    let start = y * rowWidth + area.x
                    target.baseAddress!.advanced(by: start).update(from: source.baseAddress!.advanced(by: start), count: area.width)
                }
            }
        }
    }
}
