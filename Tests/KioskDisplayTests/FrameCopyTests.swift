import KioskCore
import KioskDisplay
import KioskUI
import Testing

/// Copies into screen memory: turned, converted, at the pitch.
@Suite struct FrameCopyTests {
    /// A 3×2 frame: 1 2 3 / 4 5 6 (as pixel values).
    let frame = Canvas(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])

    /// Copies the whole frame to a panel of `panel` with `pitch` bytes a row; returns the rows.
    func copied(_ rotation: DisplayRotation, pitch: Int = 64, format: PixelFormat = .xrgb8888, rect: Rect? = nil) -> [[UInt32]] {
        let panel = rotation.panelSize(for: ScreenSize(width: 3, height: 2))
        let memory = UnsafeMutableRawPointer.allocate(byteCount: pitch * panel.height, alignment: 16)
        defer { memory.deallocate() }
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: pitch * panel.height)
        FrameCopy.copy(
            frame, rect ?? frame.bounds,
            to: FrameTarget(base: memory, pitch: pitch, panel: panel, format: format, rotation: rotation))
        return (0..<panel.height).map { y in
            (0..<panel.width).map { x in
                format.bitsPerPixel == 32
                    ? memory.load(fromByteOffset: y * pitch + x * 4, as: UInt32.self)
                    : UInt32(memory.load(fromByteOffset: y * pitch + x * 2, as: UInt16.self))
            }
        }
    }

    @Test func unturnedRowsLandAtThePitch() {
        #expect(copied(.none, pitch: 13 * 4) == [[1, 2, 3], [4, 5, 6]])
    }

    /// A panel mounted a quarter turn clockwise shows its own top row down the right-hand side,
    /// so the frame's left column becomes the panel's top row, bottom first.
    @Test func quarterTurnsTurnTheFrameBack() {
        #expect(copied(.quarter) == [[3, 6], [2, 5], [1, 4]])
        #expect(copied(.half) == [[6, 5, 4], [3, 2, 1]])
        #expect(copied(.threeQuarters) == [[4, 1], [5, 2], [6, 3]])
    }

    /// A frame larger than the copy's bands (and no multiple of them), every pixel distinct, lands
    /// where the turn's formula puts each pixel, at a pitch wider than the panel, in both formats.
    @Test(arguments: [DisplayRotation.none, .quarter, .half, .threeQuarters])
    func everyPixelOfALargeFrameLandsWhereItsTurnPutsIt(rotation: DisplayRotation) {
        let size = ScreenSize(width: 45, height: 71)
        let large = Canvas(
            width: size.width, height: size.height, pixels: (0..<size.width * size.height).map { UInt32($0) * 0x010305 & 0xFFFFFF })
        let rect = Rect(x: 3, y: 5, width: 40, height: 60)
        let panel = rotation.panelSize(for: size)
        for format in [PixelFormat.xrgb8888, .rgb565] {
            let pitch = panel.width * format.bytesPerPixel + 12
            let memory = UnsafeMutableRawPointer.allocate(byteCount: pitch * panel.height, alignment: 16)
            defer { memory.deallocate() }
            memory.initializeMemory(as: UInt8.self, repeating: 0xAB, count: pitch * panel.height)
            FrameCopy.copy(large, rect, to: FrameTarget(base: memory, pitch: pitch, panel: panel, format: format, rotation: rotation))
            var wrong = 0
            for y in 0..<size.height {
                for x in 0..<size.width {
                    let (px, py): (Int, Int)
                    switch rotation {
                    case .none: (px, py) = (x, y)
                    case .quarter: (px, py) = (y, size.width - 1 - x)
                    case .half: (px, py) = (size.width - 1 - x, size.height - 1 - y)
                    case .threeQuarters: (px, py) = (size.height - 1 - y, x)
                    }
                    let offset = py * pitch + px * format.bytesPerPixel
                    let found = format.bytesPerPixel == 4
                        ? memory.load(fromByteOffset: offset, as: UInt32.self)
                        : UInt32(memory.load(fromByteOffset: offset, as: UInt16.self))
                    let untouched: UInt32 = format.bytesPerPixel == 4 ? 0xABAB_ABAB : 0xABAB
                    let expected = rect.contains(x: x, y: y) ? Self.encoded(large.pixels[y * size.width + x], format) : untouched
                    if found != expected { wrong += 1 }
                }
            }
            #expect(wrong == 0, "\(wrong) pixels wrong, \(format), \(rotation)")
        }
    }

    /// The turned copy works in tiles and 4 × 4 blocks: frames spanning several tiles with odd
    /// remainders, damage on every edge and corner, a pitch wider than a row and panels larger than
    /// the frame land exactly where a plain pixel-by-pixel turn puts them, in both formats.
    @Test(arguments: [DisplayRotation.none, .quarter, .half, .threeQuarters])
    func tiledCopiesEqualThePlainTurn(rotation: DisplayRotation) {
        let size = ScreenSize(width: 141, height: 203)
        let frame = Canvas(
            width: size.width, height: size.height, pixels: (0..<size.width * size.height).map { UInt32($0) &* 2_654_435_761 & 0xFFFFFF })
        let damages: [[Rect]] = [
            [frame.bounds],
            [Rect(x: 0, y: 0, width: 5, height: 3), Rect(x: 138, y: 200, width: 9, height: 9)],
            [Rect(x: 1, y: 66, width: 139, height: 67), Rect(x: 64, y: 0, width: 7, height: 203)],
            [Rect(x: 135, y: 0, width: 6, height: 130), Rect(x: 0, y: 197, width: 141, height: 6)],
        ]
        for format in [PixelFormat.xrgb8888, .rgb565] {
            for grow in [-7, 0, 5] {
                let turned = rotation.panelSize(for: size)
                let panel = ScreenSize(width: turned.width + grow, height: turned.height + grow)
                for damage in damages {
                    let found = Screen(panel: panel, format: format), expected = Screen(panel: panel, format: format)
                    for rect in damage {
                        FrameCopy.copy(frame, rect, to: found.target(rotation))
                        expected.plainTurn(frame, rect, rotation)
                    }
                    let wrong = zip(found.bytes, expected.bytes).filter { $0 != $1 }.count
                    #expect(wrong == 0, "\(wrong) bytes wrong: \(format), \(rotation), panel \(panel.width)x\(panel.height), \(damage)")
                }
            }
        }
    }

    /// Screen memory filled with a marker, 3 pixels and 2 bytes wider than the panel a row.
    final class Screen {
        let panel: ScreenSize, format: PixelFormat, pitch: Int
        let memory: UnsafeMutableRawPointer

        init(panel: ScreenSize, format: PixelFormat) {
            self.panel = panel
            self.format = format
            pitch = (panel.width + 3) * format.bytesPerPixel + 2
            memory = UnsafeMutableRawPointer.allocate(byteCount: pitch * panel.height, alignment: 16)
            memory.initializeMemory(as: UInt8.self, repeating: 0xAB, count: pitch * panel.height)
        }
        deinit { memory.deallocate() }

        func target(_ rotation: DisplayRotation) -> FrameTarget {
            FrameTarget(base: memory, pitch: pitch, panel: panel, format: format, rotation: rotation)
        }

        var bytes: [UInt8] { Array(UnsafeRawBufferPointer(start: memory, count: pitch * panel.height)) }

        /// Each pixel of `rect` placed by the turn's formula, dropped when it falls off the panel.
        func plainTurn(_ frame: Canvas, _ rect: Rect, _ rotation: DisplayRotation) {
            let w = frame.width, h = frame.height, rect = rect.intersection(frame.bounds)
            for y in rect.y..<rect.maxY {
                for x in rect.x..<rect.maxX {
                    let (px, py): (Int, Int)
                    switch rotation {
                    case .none: (px, py) = (x, y)
                    case .quarter: (px, py) = (y, w - 1 - x)
                    case .half: (px, py) = (w - 1 - x, h - 1 - y)
                    case .threeQuarters: (px, py) = (h - 1 - y, x)
                    }
                    guard px < panel.width, py < panel.height else { continue }
                    let pixel = FrameCopyTests.encoded(frame.pixels[y * w + x], format)
                    if format.bytesPerPixel == 4 {
                        memory.storeBytes(of: pixel, toByteOffset: py * pitch + px * 4, as: UInt32.self)
                    } else {
                        memory.storeBytes(of: UInt16(pixel), toByteOffset: py * pitch + px * 2, as: UInt16.self)
                    }
                }
            }
        }
    }

    /// The canvas pixel in `format`, computed here from the bit fields (not by the copy's code).
    static func encoded(_ pixel: UInt32, _ format: PixelFormat) -> UInt32 {
        format == .xrgb8888 ? pixel
            : (pixel >> 19 & 0x1F) << 11 | (pixel >> 10 & 0x3F) << 5 | (pixel >> 3 & 0x1F)
    }

    @Test func onlyTheRectangleIsCopied() {
        #expect(copied(.none, rect: Rect(x: 1, y: 1, width: 5, height: 5)) == [[0, 0, 0], [0, 5, 6]])
        #expect(copied(.half, rect: Rect(x: 0, y: 0, width: 1, height: 1)) == [[0, 0, 0], [0, 0, 1]])
    }

    @Test func rgb565TakesTheTopBitsOfEachColour() {
        let colour = Canvas(width: 1, height: 1, pixels: [0xFF8040])
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        defer { memory.deallocate() }
        FrameCopy.copy(
            colour, colour.bounds,
            to: FrameTarget(base: memory, pitch: 8, panel: ScreenSize(width: 1, height: 1), format: .rgb565, rotation: .none))
        #expect(memory.load(as: UInt16.self) == 31 << 11 | 32 << 5 | 8)
        let bgr = PixelFormat(
            bitsPerPixel: 32, red: .init(offset: 0, length: 8), green: .init(offset: 8, length: 8), blue: .init(offset: 16, length: 8))
        FrameCopy.copy(
            colour, colour.bounds, to: FrameTarget(base: memory, pitch: 8, panel: ScreenSize(width: 1, height: 1), format: bgr, rotation: .none))
        #expect(memory.load(as: UInt32.self) == 0x4080FF)
    }

    @Test func formatsKioskdCannotWriteAreRefused() {
        #expect(PixelFormat.xrgb8888.isSupported && PixelFormat.rgb565.isSupported)
        let eightBit = PixelFormat(bitsPerPixel: 8, red: .init(offset: 5, length: 3), green: .init(offset: 2, length: 3), blue: .init(offset: 0, length: 2))
        #expect(!eightBit.isSupported)
        let hostile = PixelFormat(bitsPerPixel: 32, red: .init(offset: 30, length: 8), green: .init(offset: 8, length: 8), blue: .init(offset: 0, length: 8))
        #expect(!hostile.isSupported)
    }
}
