import KioskCore
import KioskDisplay
import KioskUI
import Testing

/// Framebuffer memory standing in for `/dev/fbN`; panning works or fails as told.
final class FakeFramebuffer: FramebufferDevice {
    let info: FramebufferInfo
    let memory: UnsafeMutableRawPointer
    var panWorks: Bool
    private(set) var pans: [Int] = []
    private(set) var closed = false

    init(_ info: FramebufferInfo, panWorks: Bool) {
        self.info = info
        self.panWorks = panWorks
        memory = UnsafeMutableRawPointer.allocate(byteCount: info.memoryLength, alignment: 16)
        memory.initializeMemory(as: UInt8.self, repeating: 0xEE, count: info.memoryLength)
    }

    deinit { memory.deallocate() }

    func pan(yOffset: Int) throws(DisplayError) {
        guard panWorks else { throw DisplayError(device: "fb", problem: "FBIOPAN_DISPLAY failed: EINVAL", check: "-") }
        pans.append(yOffset)
    }

    func close() { closed = true }

    func pixel16(page: Int, x: Int, y: Int) -> UInt16 {
        memory.load(fromByteOffset: (page * info.height + y) * info.lineLength + x * 2, as: UInt16.self)
    }
}

@Suite struct FramebufferDisplayTests {
    let size = ScreenSize(width: 8, height: 4)
    let frame = Canvas(width: 8, height: 4, pixels: (0..<32).map { UInt32($0) << 19 })  // red only, 0…31 in RGB565

    @Test func rgb565WithAPaddedLineAndNoPanningDrawsIntoTheVisibleMemory() throws {
        let info = FramebufferInfo(width: 8, height: 4, virtualHeight: 8, lineLength: 24, memoryLength: 24 * 8, format: .rgb565)
        let fb = FakeFramebuffer(info, panWorks: false)
        let display = try FramebufferDisplay(device: fb, path: "/dev/fb0", size: size, rotation: .none)
        #expect(display.pages == 1, "panning is used only where FBIOPAN_DISPLAY works")
        #expect(display.stride == 24)
        display.present(frame, damage: [frame.bounds])
        for y in 0..<4 {
            for x in 0..<8 { #expect(fb.pixel16(page: 0, x: x, y: y) == UInt16(y * 8 + x) << 11) }
            #expect(fb.memory.load(fromByteOffset: y * 24 + 16, as: UInt8.self) == 0xEE, "the row's padding is not written")
        }
    }

    @Test func panningDoubleBuffersAndEachPageGetsTheDamageInTurn() throws {
        let info = FramebufferInfo(width: 8, height: 4, virtualHeight: 8, lineLength: 16, memoryLength: 16 * 8, format: .rgb565)
        let fb = FakeFramebuffer(info, panWorks: true)
        let display = try FramebufferDisplay(device: fb, path: "/dev/fb0", size: size, rotation: .none)
        #expect(display.pages == 2)
        display.present(frame, damage: [frame.bounds])
        #expect(fb.pans == [0, 4])
        var next = frame
        next.fill(Rect(x: 0, y: 0, width: 2, height: 1), .white)
        display.present(next, damage: [Rect(x: 0, y: 0, width: 2, height: 1)])
        #expect(fb.pans == [0, 4, 0])
        for y in 0..<4 {
            for x in 0..<8 {
                let expected = y == 0 && x < 2 ? UInt16(0xFFFF) : UInt16(y * 8 + x) << 11
                #expect(fb.pixel16(page: 0, x: x, y: y) == expected)
            }
        }
    }

    @Test func anUnwritableFormatSaysWhatToCheck() {
        let info = FramebufferInfo(
            width: 8, height: 4, virtualHeight: 4, lineLength: 8, memoryLength: 32,
            format: PixelFormat(bitsPerPixel: 8, red: .init(offset: 5, length: 3), green: .init(offset: 2, length: 3), blue: .init(offset: 0, length: 2)))
        #expect(throws: DisplayError.self) { try FramebufferDisplay(device: FakeFramebuffer(info, panWorks: false), path: "/dev/fb1", size: size, rotation: .none) }
        do {
            _ = try FramebufferDisplay(device: FakeFramebuffer(info, panWorks: false), path: "/dev/fb1", size: size, rotation: .none)
        } catch {
            #expect(error.description.hasPrefix("display /dev/fb1: pixel format 8 bpp"))
            #expect(error.check.contains("fbset -depth 32"))
        }
    }
}

@Suite struct DisplayOpeningTests {
    @Test func aMissingCardNamesTheDeviceWhyAndWhatToCheck() {
        let config = DisplayConfig(kind: .drm, size: ScreenSize(width: 1080, height: 1920), device: "/nonexistent/card9")
        do {
            _ = try DisplayFactory.open(config, stateDirectory: "/tmp")
            Issue.record("a missing card opened")
        } catch {
            #expect(error.device == "/nonexistent/card9")
            #expect(error.problem == "open: no such file or directory")
            #expect(error.check.contains("ls /dev/dri"))
        }
    }

    @Test func aFileThatIsNotACardIsRefused() throws {
        let path = "/tmp/kioskd-not-a-card-\(getpid())"
        #expect(FileManagerless.write(path))
        defer { unlink(path) }
        let config = DisplayConfig(kind: .drm, size: ScreenSize(width: 1080, height: 1920), device: path)
        #expect(throws: DisplayError.self) { try DisplayFactory.open(config, stateDirectory: "/tmp") }
        let fb = DisplayConfig(kind: .fbdev, size: ScreenSize(width: 1080, height: 1920), device: path)
        do {
            _ = try DisplayFactory.open(fb, stateDirectory: "/tmp")
            Issue.record("a plain file opened as a framebuffer")
        } catch {
            #expect(error.problem.contains("FBIOGET_VSCREENINFO"))
        }
    }

    @Test func kernelUeventsAreReadForDrmHotplugOnly() {
        func message(_ fields: [String]) -> [UInt8] { fields.flatMap { Array($0.utf8) + [0] } }
        let hotplug = message(["change@/devices/pci0000:00/0000:00:02.0/drm/card0", "ACTION=change", "SUBSYSTEM=drm", "HOTPLUG=1", "SEQNUM=1234"])
        #expect(UEventMonitor.isDRMHotplug(hotplug))
        #expect(!UEventMonitor.isDRMHotplug(message(["add@/devices/virtual/input/input9", "ACTION=add", "SUBSYSTEM=input"])))
        #expect(!UEventMonitor.isDRMHotplug(message(["libudev", "SUBSYSTEM=drm", "HOTPLUG=1"])))
        #expect(!UEventMonitor.isDRMHotplug([UInt8]()))
        #expect(!UEventMonitor.isDRMHotplug([0, 0, 0xFF, 0xFE]))
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a small plain file.
enum FileManagerless {
    static func write(_ path: String) -> Bool {
        guard let file = fopen(path, "w") else { return false }
        fputs("not a device\n", file)
        return fclose(file) == 0
    }
}
