import KioskCore
import KioskDisplay
import KioskUI
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The headless backend: one snapshot canvas handed between the loop and the PNG writer.
@Suite struct HeadlessDisplayTests {
    /// Waits (on the display's own wake-up descriptor) until the snapshot in flight is written.
    func waitForWrite(_ display: HeadlessDisplay) {
        var descriptor = pollfd(fd: display.pollDescriptors[0], events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, 10_000)
        display.handleEvents()
    }

    @Test func burstsOfFramesEndWithTheLastFrameOnDisk() throws {
        let path = "/tmp/kioskd-headless-\(getpid()).png"
        defer { unlink(path) }
        let size = ScreenSize(width: 320, height: 240)
        let display = try HeadlessDisplay(snapshotPath: path, size: size)
        var canvas = Canvas(width: 320, height: 240)
        for step in 0..<20 {
            let rect = Rect(x: step * 10, y: step * 5, width: 40, height: 30)
            canvas.fill(rect, Color(hex: UInt32(step) * 0x0A0B0C))
            if display.isReady { display.present(canvas, damage: [rect]) }
        }
        #expect(display.needsFrame == false, "the first frame is being written; the rest wait")
        waitForWrite(display)
        #expect(display.needsFrame, "damage waited while the writer was busy")
        display.present(canvas, damage: [])
        waitForWrite(display)
        #expect(!display.needsFrame)
        display.close(lastFrame: canvas)
        let written = try PNGReader.read(path: path)
        #expect(written.pixels == canvas.pixels)
    }
}
