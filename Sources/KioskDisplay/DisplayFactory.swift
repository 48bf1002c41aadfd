import KioskCore
import KioskUI

/// Opens the display a configuration names.
public enum DisplayFactory {
    /// The backend for `config`, with a PNG snapshot beside a real screen when `snapshot` is set.
    /// Throws naming the device, why it cannot start, and what to check.
    public static func open(_ config: DisplayConfig, stateDirectory: String) throws(DisplayError) -> Display {
        let screen = try openScreen(config, stateDirectory: stateDirectory)
        guard let vnc = config.vnc else { return screen }
        return MirroredDisplay(screen, mirrors: [try VNCDisplay(vnc, size: config.size)])
    }

    /// The device node `config` draws on (its `device`, else `/dev/dri/card0` or `/dev/fb0`); nil for headless.
    public static func devicePath(_ config: DisplayConfig) -> String? {
        switch config.kind {
        case .headless: nil
        case .drm: config.device ?? "/dev/dri/card0"
        case .fbdev: config.device ?? "/dev/fb0"
        }
    }

    private static func openScreen(_ config: DisplayConfig, stateDirectory: String) throws(DisplayError) -> Display {
        let snapshot = config.snapshotPath ?? (config.kind == .headless ? stateDirectory + "/screen.png" : nil)
        let screen: Display
        switch config.kind {
        case .headless:
            return try HeadlessDisplay(snapshotPath: snapshot ?? stateDirectory + "/screen.png", size: config.size)
        case .drm:
            let path = devicePath(config) ?? "/dev/dri/card0"
            let card = try LibDRMDevice(path: path)
            do {
                screen = try DRMDisplay(
                    device: card, path: path, size: config.size, rotation: config.rotation, mode: config.mode, hotplug: UEventMonitor())
            } catch {
                card.close()
                throw error
            }
        case .fbdev:
            let path = devicePath(config) ?? "/dev/fb0"
            let framebuffer = try LinuxFramebuffer(path: path)
            do {
                screen = try FramebufferDisplay(device: framebuffer, path: path, size: config.size, rotation: config.rotation)
            } catch {
                framebuffer.close()
                throw error
            }
        }
        let onTerminal = VirtualTerminalDisplay.onStandardInput(screen)
        guard let snapshot else { return onTerminal }
        return MirroredDisplay(onTerminal, mirrors: [try HeadlessDisplay(snapshotPath: snapshot, size: config.size, copying: true)])
    }
}

/// A screen and displays that show the same frames beside it (a PNG snapshot, a VNC view).
/// The screen sets the pace: a frame is presented when the screen is ready.
public final class MirroredDisplay: Display {
    private let screen: Display
    private let mirrors: [Display]

    public init(_ screen: Display, mirrors: [Display]) {
        self.screen = screen
        self.mirrors = mirrors
    }

    public var size: ScreenSize { screen.size }
    public var stride: Int { screen.stride }
    public var isReady: Bool { screen.isReady }
    public var needsFrame: Bool { screen.needsFrame || mirrors.contains(where: \.needsFrame) }
    public var pollDescriptors: [Int32] { screen.pollDescriptors + mirrors.flatMap(\.pollDescriptors) }
    public var health: DisplayHealth { screen.health }

    public func present(_ canvas: Canvas, damage: [Rect]) {
        screen.present(canvas, damage: damage)
        for mirror in mirrors { mirror.present(canvas, damage: damage) }
    }

    /// Taps made through the mirrors (a VNC viewer allowed input).
    func takeMirrorTaps() -> [(x: Int, y: Int)] { mirrors.flatMap { $0.takeTaps() } }

    public func handleEvents() {
        screen.handleEvents()
        for mirror in mirrors { mirror.handleEvents() }
    }

    public func suspend() { screen.suspend() }
    public func resume() { screen.resume() }

    public func close(lastFrame: Canvas) {
        screen.close(lastFrame: lastFrame)
        for mirror in mirrors { mirror.close(lastFrame: lastFrame) }
    }
}
