import KioskCore
import KioskUI

/// The DRM/KMS backend: two XRGB8888 dumb buffers on a connected connector, shown by page flips.
///
/// The frame is drawn in RAM; each present copies the damaged rectangles into the buffer not on
/// screen and flips to it at the next vertical blank. Damage is kept per buffer, so each buffer
/// receives every change in turn. The flip's completion arrives on the card's descriptor, which
/// the event loop polls. With no screen connected the kiosk keeps running and reports it; a
/// hotplug re-probes the card.
public final class DRMDisplay: Display {
    public let size: ScreenSize
    private let device: KMSDevice
    private let path: String
    private let rotation: DisplayRotation
    private let wantedMode: DisplayMode?
    private let hotplug: UEventMonitor?
    private var output: KMSChoice?
    private var buffers: [KMSBuffer] = []
    /// Damage each buffer has not received yet.
    private var pending: [[Rect]] = [[], []]
    private var front = 0
    /// The buffer a page flip is on its way to.
    private var flipTarget: Int?
    private var suspended = false
    private var savedCrtc = false
    private var flipFailure: String?
    public private(set) var health: DisplayHealth
    public private(set) var needsFrame = false
    /// Frames shown since start (completed flips, or frames set directly after a failed flip).
    public private(set) var framesShown = 0

    /// Opens the output on `device` (the card at `path`); with no screen connected it starts
    /// anyway and waits for a hotplug. Throws when the card cannot be used at all.
    public init(
        device: KMSDevice, path: String, size: ScreenSize, rotation: DisplayRotation, mode: DisplayMode?,
        hotplug: UEventMonitor? = nil
    ) throws(DisplayError) {
        self.device = device
        self.path = path
        self.size = size
        self.rotation = rotation
        wantedMode = mode
        self.hotplug = hotplug
        health = .noScreen("\(path): not probed yet")
        try setUp()
    }

    public var stride: Int { buffers.first?.pitch ?? size.width * 4 }
    public var isReady: Bool { flipTarget == nil }
    public var pollDescriptors: [Int32] { [device.fileDescriptor] + (hotplug.map { [$0.fileDescriptor] } ?? []) }

    public func present(_ canvas: Canvas, damage: [Rect]) {
        for index in pending.indices { pending[index] = DamageList.merged(pending[index] + damage, limit: 8) }
        guard let output, buffers.count == 2, !suspended else { return }
        guard flipTarget == nil else {
            needsFrame = true
            return
        }
        needsFrame = false
        let back = 1 - front
        let target = FrameTarget(
            base: buffers[back].pixels, pitch: buffers[back].pitch,
            panel: ScreenSize(width: output.mode.width, height: output.mode.height), format: .xrgb8888, rotation: rotation)
        for rect in pending[back] { FrameCopy.copy(canvas, rect, to: target) }
        pending[back] = []
        do {
            try device.pageFlip(output.crtc, buffer: buffers[back])
            flipTarget = back
        } catch {
            // Some drivers refuse flips (or refuse them for a while): show the buffer directly.
            flipFailure = error.problem
            do {
                try device.setCrtc(output.crtc, buffer: buffers[back], connector: output.connector.id, mode: output.mode)
                front = back
                framesShown += 1
                health = .showing(summary(output) + "; page flip failed (\(error.problem)), frames set directly")
            } catch {
                health = .failed("\(path): neither a page flip nor setting the CRTC works: \(error.problem)")
            }
        }
    }

    public func handleEvents() {
        do {
            if try device.readFlipEvents() > 0, let target = flipTarget {
                front = target
                flipTarget = nil
                framesShown += 1
                if flipFailure != nil, let output {
                    flipFailure = nil
                    health = .showing(summary(output))
                }
            }
        } catch {
            health = .failed("\(path): reading page-flip events: \(error.problem)")
        }
        if let hotplug, hotplug.readHotplug() { reprobe() }
    }

    /// Reads the card's connectors again (after a hotplug uevent): takes a screen that appeared,
    /// lets go of one that left, and sets the mode again on one that stayed.
    public func reprobe() {
        guard !suspended else { return }
        if let output, buffers.count == 2, let resources = try? device.probe(),
            case .success(let choice) = KMSPlanner.choose(resources, wanted: wantedMode), choice == output
        {
            // The same screen: a replugged panel may have lost its mode, so set it again.
            do {
                try device.setCrtc(output.crtc, buffer: buffers[front], connector: output.connector.id, mode: output.mode)
            } catch {
                health = .failed("\(path): setting the mode again after a hotplug: \(error.problem)")
            }
            return
        }
        releaseBuffers()
        do {
            try setUp()
        } catch {
            health = .failed(error.description)
        }
    }

    public func suspend() {
        guard !suspended else { return }
        suspended = true
        flipTarget = nil
        do {
            try device.dropMaster()
            health = .noScreen("\(path): given away (VT switch); waiting to take it back")
        } catch {
            health = .failed("\(path): could not drop DRM master: \(error.problem)")
        }
    }

    public func resume() {
        guard suspended else { return }
        do {
            try device.setMaster()
        } catch {
            health = .failed("\(path): could not take DRM master back: \(error.problem)")
            return
        }
        suspended = false
        releaseBuffers()
        do {
            try setUp()
        } catch {
            health = .failed(error.description)
        }
    }

    public func close(lastFrame: Canvas) {
        if flipTarget != nil { waitForFlip() }
        if savedCrtc { device.restoreSavedCrtc() }
        releaseBuffers()
        device.close()
        hotplug?.close()
    }

    // MARK: -

    private func setUp() throws(DisplayError) {
        let resources = try device.probe()
        let choice: KMSChoice
        switch KMSPlanner.choose(resources, wanted: wantedMode) {
        case .failure(let failure):
            output = nil
            if case .noConnectedScreen = failure {
                health = .noScreen("\(path): \(failure)")
            } else {
                health = .failed("\(path): \(failure)")
            }
            return
        case .success(let chosen): choice = chosen
        }
        for _ in 0..<2 {
            do {
                buffers.append(try device.createBuffer(width: choice.mode.width, height: choice.mode.height))
            } catch {
                releaseBuffers()
                throw error
            }
        }
        if !savedCrtc {
            device.saveCrtc(choice.crtc)
            savedCrtc = true
        }
        do {
            try device.setCrtc(choice.crtc, buffer: buffers[0], connector: choice.connector.id, mode: choice.mode)
        } catch {
            releaseBuffers()
            throw error
        }
        output = choice
        front = 0
        let whole = Rect(x: 0, y: 0, width: size.width, height: size.height)
        pending = [[whole], [whole]]
        needsFrame = true
        health = .showing(summary(choice))
    }

    private func releaseBuffers() {
        flipTarget = nil
        for buffer in buffers { device.destroyBuffer(buffer) }
        buffers = []
        output = nil
    }

    /// Waits up to 100 ms for the flip on its way, so the saved CRTC is restored over a still screen.
    private func waitForFlip() {
        var descriptor = pollfd(fd: device.fileDescriptor, events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, 100) > 0 { _ = try? device.readFlipEvents() }
        flipTarget = nil
    }

    private func summary(_ choice: KMSChoice) -> String {
        let panel = rotation.panelSize(for: size)
        let fit = panel.width == choice.mode.width && panel.height == choice.mode.height
            ? "" : "; frame \(size.width)x\(size.height) turned \(rotation.rawValue)° does not fill the mode"
        return "drm \(path) \(choice.connector.name) \(choice.mode.name) crtc \(choice.crtc), pitch \(stride)" + fit
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif
