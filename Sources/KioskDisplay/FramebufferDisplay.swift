import KioskCore
import KioskUI

/// What a framebuffer reports (`FBIOGET_VSCREENINFO` and `FBIOGET_FSCREENINFO`).
public struct FramebufferInfo: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// The virtual height: twice `height` (or more) allows double buffering by panning.
    public var virtualHeight: Int
    /// Bytes per row (`line_length`), not assumed to be width × bytes per pixel.
    public var lineLength: Int
    /// Bytes of screen memory (`smem_len`).
    public var memoryLength: Int
    public var format: PixelFormat

    public init(width: Int, height: Int, virtualHeight: Int, lineLength: Int, memoryLength: Int, format: PixelFormat) {
        self.width = width
        self.height = height
        self.virtualHeight = virtualHeight
        self.lineLength = lineLength
        self.memoryLength = memoryLength
        self.format = format
    }
}

/// The kernel's fbdev interface as the backend uses it, so it is tested with memory standing in.
public protocol FramebufferDevice: AnyObject {
    var info: FramebufferInfo { get }
    /// The screen memory, `info.memoryLength` bytes, mapped.
    var memory: UnsafeMutableRawPointer { get }
    /// Shows the virtual screen from row `yOffset` (`FBIOPAN_DISPLAY`).
    func pan(yOffset: Int) throws(DisplayError)
    func close()
}

/// The fbdev backend: damaged rectangles copied into the mapped framebuffer, converted to its
/// pixel format. Double-buffered by panning only where the virtual screen holds two frames and
/// `FBIOPAN_DISPLAY` works; otherwise frames are drawn into the visible memory.
public final class FramebufferDisplay: Display {
    public let size: ScreenSize
    private let device: FramebufferDevice
    private let path: String
    private let rotation: DisplayRotation
    /// 2 when panning works, else 1.
    public let pages: Int
    private var front = 0
    private var pending: [[Rect]]
    public private(set) var health: DisplayHealth
    public private(set) var needsFrame = true

    /// Takes over `device` (the framebuffer at `path`); throws for a pixel format it cannot write.
    public init(device: FramebufferDevice, path: String, size: ScreenSize, rotation: DisplayRotation) throws(DisplayError) {
        let info = device.info
        guard info.format.isSupported else {
            throw DisplayError(
                device: path, problem: "pixel format \(info.format) is not one kioskd writes",
                check: "the framebuffer runs at 32 bpp (XRGB8888) or 16 bpp (RGB565): fbset -depth 32, or the driver's options")
        }
        guard info.lineLength >= info.width * info.format.bytesPerPixel, info.lineLength * info.height <= info.memoryLength else {
            throw DisplayError(
                device: path, problem: "line length \(info.lineLength) does not fit \(info.width)x\(info.height) in \(info.memoryLength) bytes",
                check: "the framebuffer driver reports its geometry correctly (fbset -i)")
        }
        self.device = device
        self.path = path
        self.size = size
        self.rotation = rotation
        var pages = 1
        if info.virtualHeight >= 2 * info.height, 2 * info.height * info.lineLength <= info.memoryLength,
            (try? device.pan(yOffset: 0)) != nil
        {
            pages = 2
        }
        self.pages = pages
        let whole = Rect(x: 0, y: 0, width: size.width, height: size.height)
        pending = Array(repeating: [whole], count: pages)
        let panel = rotation.panelSize(for: size)
        let fit = panel.width == info.width && panel.height == info.height
            ? "" : "; frame \(size.width)x\(size.height) turned \(rotation.rawValue)° does not fill it"
        health = .showing(
            "fbdev \(path) \(info.width)x\(info.height) \(info.format), line \(info.lineLength) bytes, "
                + (pages == 2 ? "double-buffered by panning" : "single buffer") + fit)
    }

    public var stride: Int { device.info.lineLength }
    public var isReady: Bool { true }
    public var pollDescriptors: [Int32] { [] }

    public func present(_ canvas: Canvas, damage: [Rect]) {
        for index in pending.indices { pending[index] = DamageList.merged(pending[index] + damage, limit: 8) }
        needsFrame = false
        let info = device.info
        let back = pages == 2 ? 1 - front : front
        let target = FrameTarget(
            base: device.memory + back * info.height * info.lineLength, pitch: info.lineLength,
            panel: ScreenSize(width: info.width, height: info.height), format: info.format, rotation: rotation)
        for rect in pending[back] { FrameCopy.copy(canvas, rect, to: target) }
        pending[back] = []
        guard pages == 2 else { return }
        do {
            try device.pan(yOffset: back * info.height)
            front = back
        } catch {
            health = .failed("\(path): \(error.problem)")
        }
    }

    public func handleEvents() {}
    public func suspend() {}
    public func resume() { needsFrame = true }

    public func close(lastFrame: Canvas) {
        if pages == 2, front != 0 { try? device.pan(yOffset: 0) }
        device.close()
    }
}
