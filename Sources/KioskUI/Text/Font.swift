import CFreeType

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// An error loading a font, naming the file.
public struct FontError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "font \(path): \(reason)" }
}

/// A TrueType/OpenType face rendered with FreeType into anti-aliased coverage masks.
///
/// Screen text is hinted lightly (vertically only, FreeType's `LIGHT` target), so an advance is the font's own
/// width scaled and rounded: measuring text (wrapping and fitting try many sizes) reads it from the font's
/// metrics table without loading an outline. ``Hinting/full`` (the font's own instructions, each advance from
/// the hinted glyph) draws what a printer's bitmap font looks like. Either way drawing uses the advances
/// measuring gives, so text drawn is exactly as wide as measured. Glyphs are cached per pixel size, so
/// drawing the same screen twice costs little;
/// coverage masks are kept for glyphs drawn, at most ``maskBudget`` bytes of them (then the cache starts again).
/// Not thread-safe: each thread that draws owns its own `Font`.
public final class Font {
    /// A rendered glyph: an 8-bit coverage mask and how to place it on the pen position.
    struct Glyph {
        var width: Int
        var height: Int
        var left: Int
        var top: Int
        var advance: Int
        var coverage: [UInt8]
    }

    private struct GlyphKey: Hashable {
        var scalar: UInt32
        var pixelSize: Int
    }

    private var library: FT_Library?
    private var face: FT_Face?
    /// Rendered glyphs, and the bytes of their coverage masks.
    private var cache: [GlyphKey: Glyph] = [:]
    private var cachedMaskBytes = 0
    /// Advances of glyphs measured (and drawn), in pixels.
    private var advances: [GlyphKey: Int] = [:]
    public let path: String
    /// How glyphs are fitted to the pixel grid.
    public enum Hinting: Sendable {
        /// Vertically only: fast measuring (the screen).
        case light
        /// The font's own instructions, both ways (a printer's bitmap font in the receipt renderer).
        case full
    }
    public let hinting: Hinting
    /// The most coverage-mask bytes kept: more than any screen draws, a bound on a long day's sizes.
    static let maskBudget = 1 << 20
    /// The most advances kept (about 40 bytes each).
    static let advanceBudget = 8192

    /// Opens the font file at `path`.
    public init(path: String, hinting: Hinting = .light) throws {
        self.path = path
        self.hinting = hinting
        guard access(path, R_OK) == 0 else {
            throw FontError(path: path, reason: "cannot read the file (install Debian's fonts-dejavu-core)")
        }
        guard FT_Init_FreeType(&library) == 0 else { throw FontError(path: path, reason: "FreeType did not start") }
        guard FT_New_Face(library, path, 0, &face) == 0, face != nil else {
            FT_Done_FreeType(library)
            throw FontError(path: path, reason: "not a font file FreeType can read")
        }
    }

    deinit {
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }

    /// Ascender above the baseline at `pixelSize`, in pixels.
    public func ascent(pixelSize: Int) -> Int {
        setSize(pixelSize)
        return Int(face!.pointee.size.pointee.metrics.ascender >> 6)
    }

    /// Descender below the baseline at `pixelSize`, in pixels (positive).
    public func descent(pixelSize: Int) -> Int {
        setSize(pixelSize)
        return Int(-(face!.pointee.size.pointee.metrics.descender >> 6))
    }

    /// Width in pixels of `text` at `pixelSize`.
    public func measure(_ text: String, pixelSize: Int) -> Int {
        text.unicodeScalars.reduce(0) { $0 + advance($1, pixelSize) }
    }

    /// FreeType's load flags for the hinting: `FT_LOAD_TARGET_LIGHT` is a function-like macro in C.
    private var loadFlags: FT_Int32 {
        switch hinting {
        case .light: FT_Int32((FT_RENDER_MODE_LIGHT.rawValue & 15) << 16)
        case .full: FT_Int32(FT_LOAD_DEFAULT)
        }
    }

    /// The glyph's advance in whole pixels (lightly hinted: from the font's metrics, no outline loaded); drawing
    /// uses it too.
    func advance(_ scalar: Unicode.Scalar, _ pixelSize: Int) -> Int {
        let key = GlyphKey(scalar: scalar.value, pixelSize: pixelSize)
        if let known = advances[key] { return known }
        setSize(pixelSize)
        var advance = pixelSize / 3
        let index = FT_Get_Char_Index(face, FT_ULong(scalar.value))
        switch hinting {
        case .light:
            var fixed: FT_Fixed = 0  // 16.16 pixels
            if FT_Get_Advance(face, index, loadFlags, &fixed) == 0 { advance = Int((fixed &+ 0x8000) >> 16) }
        case .full:
            if FT_Load_Glyph(face, index, loadFlags) == 0, let slot = face?.pointee.glyph { advance = Int(slot.pointee.advance.x >> 6) }
        }
        if advances.count >= Self.advanceBudget { advances.removeAll() }
        advances[key] = advance
        return advance
    }

    /// Bytes of coverage masks held now (for tests).
    var maskBytes: Int { cachedMaskBytes }

    /// Draws `text` with its baseline starting at (`x`, `baseline`); returns the pen's end x.
    @discardableResult
    public func draw(_ text: String, x: Int, baseline: Int, pixelSize: Int, color: Color, on canvas: inout Canvas)
        -> Int
    {
        var pen = x
        for scalar in text.unicodeScalars {
            let g = glyph(scalar, pixelSize)
            canvas.blendMask(
                g.coverage, width: g.width, height: g.height, x: pen + g.left, y: baseline - g.top, color)
            pen += g.advance
        }
        return pen
    }

    private var currentSize = 0

    private func setSize(_ pixelSize: Int) {
        guard pixelSize != currentSize else { return }
        FT_Set_Pixel_Sizes(face, 0, FT_UInt(pixelSize))
        currentSize = pixelSize
    }

    func glyph(_ scalar: Unicode.Scalar, _ pixelSize: Int) -> Glyph {
        let key = GlyphKey(scalar: scalar.value, pixelSize: pixelSize)
        if let cached = cache[key] { return cached }
        setSize(pixelSize)
        let advance = advance(scalar, pixelSize)
        var rendered = Glyph(width: 0, height: 0, left: 0, top: 0, advance: advance, coverage: [])
        let index = FT_Get_Char_Index(face, FT_ULong(scalar.value))
        if FT_Load_Glyph(face, index, FT_Int32(FT_LOAD_RENDER) | loadFlags) == 0, let slot = face?.pointee.glyph {
            let bitmap = slot.pointee.bitmap
            let width = Int(bitmap.width), height = Int(bitmap.rows), pitch = Int(bitmap.pitch)
            var coverage = [UInt8](repeating: 0, count: width * height)
            if let buffer = bitmap.buffer {
                for row in 0..<height {
                    for column in 0..<width { coverage[row * width + column] = buffer[row * pitch + column] }
                }
            }
            rendered = Glyph(
                width: width, height: height, left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
                advance: advance, coverage: coverage)
        }
        if cachedMaskBytes + rendered.coverage.count > Self.maskBudget {
            cache.removeAll()
            cachedMaskBytes = 0
        }
        cache[key] = rendered
        cachedMaskBytes += rendered.coverage.count
        return rendered
    }
}

/// Where the kiosk finds its fonts: DejaVu from Debian's `fonts-dejavu-core`.
public enum FontFiles {
    public static let regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    public static let bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    public static let mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
    public static let monoBold = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
}
