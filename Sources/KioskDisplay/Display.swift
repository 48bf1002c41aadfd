import KioskCore
import KioskUI

/// Where the kiosk's frames are shown: a DRM/KMS output, a Linux framebuffer or PNG snapshots.
///
/// The renderer draws into one canvas in RAM, kept for the life of the kiosk; `present` copies the
/// damaged rectangles of that canvas out to the screen and keeps no reference to it. Used from
/// the event loop's thread only.
public protocol Display: AnyObject {
    /// The frame as the citizen sees it: the canvas passed to ``present(_:damage:)`` has this size.
    var size: ScreenSize { get }
    /// Bytes per row of the memory the frame is copied into (a DRM buffer's pitch, fbdev's
    /// `line_length`; `width × 4` for a snapshot).
    var stride: Int { get }
    /// False while a shown frame is still on its way (a page flip not yet completed): present later.
    var isReady: Bool { get }
    /// True when the display needs a frame without a change on screen (after a hotplug, a VT
    /// switch back, or a snapshot written while others waited): present the canvas, even with no damage.
    var needsFrame: Bool { get }
    /// Shows `canvas`, of which only the `damage` rectangles changed since the last call.
    func present(_ canvas: Canvas, damage: [Rect])
    /// Descriptors the event loop polls for readability; then it calls ``handleEvents()``.
    var pollDescriptors: [Int32] { get }
    /// Reads what the descriptors had (page-flip completions, hotplug uevents, a finished snapshot).
    func handleEvents()
    /// What the display is doing, for the log, `systemctl status` and the health report.
    var health: DisplayHealth { get }
    /// Stops showing frames and gives the device back (drops DRM master) until ``resume()``.
    func suspend()
    /// Takes the device again after ``suspend()`` and asks for a full frame.
    func resume()
    /// Shows the last damage of `lastFrame` still waiting, waits for frames in flight, restores what
    /// the screen showed before and releases everything.
    func close(lastFrame: Canvas)
}

extension Display {
    /// Taps made through the display (a VNC viewer allowed input) since the last call.
    public func takeTaps() -> [(x: Int, y: Int)] { (self as? VNCDisplay)?.takeViewerTaps() ?? (self as? MirroredDisplay)?.takeMirrorTaps() ?? [] }
}

/// A display's condition.
public enum DisplayHealth: Sendable, Equatable, CustomStringConvertible {
    /// Frames reach the screen; the text says which device, output and mode.
    case showing(String)
    /// The device is open but no screen is connected (or the kiosk gave the device away).
    case noScreen(String)
    /// Frames do not reach the screen; the text says why.
    case failed(String)

    public var isShowing: Bool { if case .showing = self { true } else { false } }

    public var description: String {
        switch self {
        case .showing(let what): "ok: \(what)"
        case .noScreen(let why): "no screen: \(why)"
        case .failed(let why): "failed: \(why)"
        }
    }
}

/// A display that could not start: which device, why, and what to check.
public struct DisplayError: Error, CustomStringConvertible, Equatable {
    public var device: String
    public var problem: String
    public var check: String

    public init(device: String, problem: String, check: String) {
        self.device = device
        self.problem = problem
        self.check = check
    }

    public var description: String { "display \(device): \(problem). Check: \(check)" }
}
