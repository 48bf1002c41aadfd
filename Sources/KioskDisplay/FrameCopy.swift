import KioskCore
import KioskUI

/// How a screen's memory stores one pixel: 16 or 32 bits, each colour a bit field.
public struct PixelFormat: Sendable, Equatable, CustomStringConvertible {
    /// One colour's place in the pixel: `length` bits from bit `offset`.
    public struct Field: Sendable, Equatable {
        public var offset: Int
        public var length: Int
        public init(offset: Int, length: Int) {
            self.offset = offset
            self.length = length
        }
    }
    public var bitsPerPixel: Int
    public var red: Field
    public var green: Field
    public var blue: Field

    public init(bitsPerPixel: Int, red: Field, green: Field, blue: Field) {
        self.bitsPerPixel = bitsPerPixel
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// 32 bits, `0x00RRGGBB`: DRM's `XRGB8888`, and the canvas's own layout.
    public static let xrgb8888 = PixelFormat(
        bitsPerPixel: 32, red: .init(offset: 16, length: 8), green: .init(offset: 8, length: 8), blue: .init(offset: 0, length: 8))
    /// 16 bits, `RRRRRGGGGGGBBBBB`.
    public static let rgb565 = PixelFormat(
        bitsPerPixel: 16, red: .init(offset: 11, length: 5), green: .init(offset: 5, length: 6), blue: .init(offset: 0, length: 5))

    /// Whether the copy can write this format: 16 or 32 bits, each field 1 to 8 bits inside the pixel.
    public var isSupported: Bool {
        (bitsPerPixel == 16 || bitsPerPixel == 32)
            && [red, green, blue].allSatisfy { (1...8).contains($0.length) && $0.offset >= 0 && $0.offset + $0.length <= bitsPerPixel }
    }

    public var bytesPerPixel: Int { bitsPerPixel / 8 }

    public var description: String {
        self == .xrgb8888 ? "XRGB8888" : self == .rgb565 ? "RGB565"
            : "\(bitsPerPixel) bpp R\(red.offset)/\(red.length) G\(green.offset)/\(green.length) B\(blue.offset)/\(blue.length)"
    }

    /// A canvas pixel (`0x00RRGGBB`) in this format.
    @inline(__always)
    func encode(_ pixel: UInt32) -> UInt32 {
        func field(_ value: UInt32, _ f: Field) -> UInt32 { (value >> UInt32(8 - f.length)) << UInt32(f.offset) }
        return field(pixel >> 16 & 0xFF, red) | field(pixel >> 8 & 0xFF, green) | field(pixel & 0xFF, blue)
    }
}

/// Where a frame is copied to: screen memory of `panel` pixels, `pitch` bytes a row.
public struct FrameTarget {
    public var base: UnsafeMutableRawPointer
    public var pitch: Int
    public var panel: ScreenSize
    public var format: PixelFormat
    public var rotation: DisplayRotation

    public init(base: UnsafeMutableRawPointer, pitch: Int, panel: ScreenSize, format: PixelFormat, rotation: DisplayRotation) {
        precondition(pitch >= panel.width * format.bytesPerPixel, "a row holds the panel's width")
        self.base = base
        self.pitch = pitch
        self.panel = panel
        self.format = format
        self.rotation = rotation
    }
}

/// Copies rectangles of a canvas to screen memory: turned for a panel mounted turned, converted
/// to the screen's pixel format, row by row at the screen's pitch (never assumed width × 4).
public enum FrameCopy {
    /// Copies `rect` of `canvas` (clipped to it) to `target`; pixels landing outside the panel are dropped.
    public static func copy(_ canvas: Canvas, _ rect: Rect, to target: FrameTarget) {
        let area = rect.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        canvas.pixels.withUnsafeBufferPointer { source in
            if target.rotation == .none, target.format == .xrgb8888 {
                copyRows(source, width: canvas.width, area, to: target)
            } else {
                copyPixels(source, width: canvas.width, height: canvas.height, area, to: target)
            }
        }
    }

    /// The fast path: same orientation, same format, one `memcpy` a row.
    private static func copyRows(_ source: UnsafeBufferPointer<UInt32>, width: Int, _ area: Rect, to target: FrameTarget) {
        let x1 = min(area.maxX, target.panel.width), y1 = min(area.maxY, target.panel.height)
        guard area.x < x1, area.y < y1, let from = source.baseAddress else { return }
        let bytes = (x1 - area.x) * 4
        for y in area.y..<y1 {
            (target.base + y * target.pitch + area.x * 4).copyMemory(from: from + y * width + area.x, byteCount: bytes)
        }
    }

    /// Every pixel placed by itself: turned and converted. Frame pixel (x, y) lands at panel pixel
    /// (x, y) unturned, (y, W−1−x) a quarter turn, (W−1−x, H−1−y) a half turn, (H−1−y, x) three
    /// quarters, W × H being the frame's size; as byte offsets that is `origin + x·dx + y·dy`.
    private static func copyPixels(
        _ source: UnsafeBufferPointer<UInt32>, width: Int, height: Int, _ area: Rect, to target: FrameTarget
    ) {
        let pw = target.panel.width, ph = target.panel.height, pitch = target.pitch
        let bpp = target.format.bytesPerPixel
        // The part of the frame that lands inside the panel, and the byte steps.
        let visible: Rect, origin: Int, dx: Int, dy: Int
        switch target.rotation {
        case .none:
            visible = Rect(x: 0, y: 0, width: pw, height: ph)
            (origin, dx, dy) = (0, bpp, pitch)
        case .quarter:
            visible = Rect(x: width - ph, y: 0, width: ph, height: pw)
            (origin, dx, dy) = ((width - 1) * pitch, -pitch, bpp)
        case .half:
            visible = Rect(x: width - pw, y: height - ph, width: pw, height: ph)
            (origin, dx, dy) = ((height - 1) * pitch + (width - 1) * bpp, -bpp, -pitch)
        case .threeQuarters:
            visible = Rect(x: 0, y: height - pw, width: ph, height: pw)
            (origin, dx, dy) = ((height - 1) * bpp, pitch, -bpp)
        }
        let copy = area.intersection(visible)
        guard !copy.isEmpty, let pixels = source.baseAddress else { return }
        let walk = Walk(source: pixels, width: width, area: copy, base: target.base + origin, dx: dx, dy: dy,
            transposed: target.rotation == .quarter || target.rotation == .threeQuarters)
        switch (target.format, bpp) {
        case (.xrgb8888, _): walk.run(Unconverted())
        case (_, 4): walk.run(Converted32(format: target.format))
        default: walk.run(Converted16(format: target.format))
        }
    }
}

/// How one canvas pixel is stored in screen memory; the walk is specialised for each.
private protocol PixelStore {
    func store(_ pixel: UInt32, at out: UnsafeMutableRawPointer)
}

private struct Unconverted: PixelStore {
    @inline(__always) func store(_ pixel: UInt32, at out: UnsafeMutableRawPointer) { out.storeBytes(of: pixel, as: UInt32.self) }
}

private struct Converted32: PixelStore {
    let format: PixelFormat
    @inline(__always) func store(_ pixel: UInt32, at out: UnsafeMutableRawPointer) {
        out.storeBytes(of: format.encode(pixel), as: UInt32.self)
    }
}

private struct Converted16: PixelStore {
    let format: PixelFormat
    @inline(__always) func store(_ pixel: UInt32, at out: UnsafeMutableRawPointer) {
        out.storeBytes(of: UInt16(truncatingIfNeeded: format.encode(pixel)), as: UInt16.self)
    }
}

/// Frame pixels of `area` to `base + x·dx + y·dy`, every panel row written front to back.
///
/// In bounds by construction: `area` lies inside the canvas (`source`, `width` pixels a row) and
/// inside the part of the frame the turn maps into the panel, so every `out` below is a pixel of
/// screen memory; the loops themselves check nothing.
private struct Walk {
    let source: UnsafePointer<UInt32>
    let width: Int
    let area: Rect
    let base: UnsafeMutableRawPointer
    let dx: Int, dy: Int
    /// A quarter turn: a frame column is a panel row.
    let transposed: Bool

    /// The side of a tile of a turned copy: 64 × 64 pixels read (16 KiB from 64 source rows) and
    /// 64 runs of 64 written (16 KiB) stay cached together; 64 measured faster than 16, 32 and 128.
    static let tile = 64

    func run<Store: PixelStore>(_ store: Store) {
        transposed ? runTransposed(store) : runRows(store)
    }

    /// Unturned or half a turn: a frame row is a panel row (written backwards for half a turn).
    private func runRows<Store: PixelStore>(_ store: Store) {
        for y in area.y..<area.maxY {
            var pixel = source + (y * width + area.x)
            var out = base + (area.x * dx + y * dy)
            for _ in 0..<area.width {
                store.store(pixel.pointee, at: out)
                pixel += 1
                out += dx
            }
        }
    }

    /// A quarter turn, tile by tile in the panel's order: each tile's panel rows are written front
    /// to back from frame columns read down (or up) the tile's source rows, which stay cached.
    private func runTransposed<Store: PixelStore>(_ store: Store) {
        let plain = Store.self == Unconverted.self
        let tile = Walk.tile
        // Panel rows ascend as x moves by `xStep`; a panel row runs forwards as y moves by `yStep`.
        let xStep = dx > 0 ? 1 : -1, yStep = dy > 0 ? 1 : -1
        let xTiles = (area.width + tile - 1) / tile, yTiles = (area.height + tile - 1) / tile
        for xTile in 0..<xTiles {
            let xOffset = xTile * tile, columns = min(tile, area.width - xOffset)
            // The tile's columns, lowest first: x0 ..< x0 + columns.
            let x0 = xStep > 0 ? area.x + xOffset : area.maxX - xOffset - columns
            for yTile in 0..<yTiles {
                let yOffset = yTile * tile, rows = min(tile, area.height - yOffset)
                let firstY = yStep > 0 ? area.y + yOffset : area.maxY - 1 - yOffset
                // Blocks of 4 × 4 turned in registers where the format needs no conversion.
                let blockColumns = plain ? columns / 4 * 4 : 0, blockRows = plain ? rows / 4 * 4 : 0
                if blockColumns > 0, blockRows > 0 {
                    copyBlocks(x0: x0, columns: blockColumns, firstY: firstY, yStep: yStep, rows: blockRows)
                }
                copyPixels(store, x0: x0 + blockColumns, columns: columns - blockColumns, firstY: firstY, yStep: yStep, skip: 0, rows: rows)
                copyPixels(store, x0: x0, columns: blockColumns, firstY: firstY, yStep: yStep, skip: blockRows, rows: rows)
            }
        }
    }

    /// Columns `x0 ..< x0 + columns`, rows `firstY + k·yStep` for k in `skip ..< rows`, pixel by pixel.
    private func copyPixels<Store: PixelStore>(
        _ store: Store, x0: Int, columns: Int, firstY: Int, yStep: Int, skip: Int, rows: Int
    ) {
        guard skip < rows else { return }
        let outStep = abs(dy), sourceStep = yStep * width, y = firstY + skip * yStep
        for x in x0..<(x0 + columns) {
            var pixel = source + (y * width + x)
            var out = base + (x * dx + y * dy)
            for _ in skip..<rows {
                store.store(pixel.pointee, at: out)
                pixel += sourceStep
                out += outStep
            }
        }
    }

    /// XRGB8888 unconverted, `columns` and `rows` multiples of 4: four frame rows of four pixels
    /// loaded, turned in registers, and stored as four runs of four on four panel rows.
    private func copyBlocks(x0: Int, columns: Int, firstY: Int, yStep: Int, rows: Int) {
        let sourceStep = yStep * width
        for x in stride(from: x0, to: x0 + columns, by: 4) {
            var row = UnsafeRawPointer(source + (firstY * width + x))
            var out = base + (x * dx + firstY * dy)
            for _ in stride(from: 0, to: rows, by: 4) {
                let r0 = row.loadUnaligned(as: SIMD4<UInt32>.self)
                let r1 = row.loadUnaligned(fromByteOffset: 4 * sourceStep, as: SIMD4<UInt32>.self)
                let r2 = row.loadUnaligned(fromByteOffset: 8 * sourceStep, as: SIMD4<UInt32>.self)
                let r3 = row.loadUnaligned(fromByteOffset: 12 * sourceStep, as: SIMD4<UInt32>.self)
                // Column j of the block (frame x + j) is a run on the panel row at x + j.
                out.storeBytes(of: SIMD4(r0[0], r1[0], r2[0], r3[0]), as: SIMD4<UInt32>.self)
                out.storeBytes(of: SIMD4(r0[1], r1[1], r2[1], r3[1]), toByteOffset: dx, as: SIMD4<UInt32>.self)
                out.storeBytes(of: SIMD4(r0[2], r1[2], r2[2], r3[2]), toByteOffset: 2 * dx, as: SIMD4<UInt32>.self)
                out.storeBytes(of: SIMD4(r0[3], r1[3], r2[3], r3[3]), toByteOffset: 3 * dx, as: SIMD4<UInt32>.self)
                row += 16 * sourceStep
                out += 16
            }
        }
    }
}
