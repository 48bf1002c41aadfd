import KioskCore
import KioskDisplay
import KioskUI
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The headless backend: the loop's canvas lent to the PNG writer, or a snapshot canvas of its own.
@Suite struct HeadlessDisplayTests {
    /// Waits (on the display's own wake-up descriptor) until the snapshot in flight is written.
    func waitForWrite(_ display: HeadlessDisplay) {
        var descriptor = pollfd(fd: display.pollDescriptors[0], events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, 10_000)
        display.handleEvents()
    }

    func path(_ name: String) -> String { "/tmp/kioskd-headless-\(getpid())-\(name).png" }

    @Test func aloneItWritesTheLoopsCanvasAndIsNotReadyMeanwhile() throws {
        let file = path("alone")
        defer { unlink(file) }
        let display = try HeadlessDisplay(snapshotPath: file, size: ScreenSize(width: 320, height: 240))
        var canvas = Canvas(width: 320, height: 240)
        for step in 0..<5 {
            if !display.isReady { waitForWrite(display) }
            #expect(display.isReady)
            let rect = Rect(x: step * 10, y: step * 5, width: 40, height: 30)
            canvas.fill(rect, Color(hex: UInt32(step + 1) * 0x0A0B0C))
            display.present(canvas, damage: [rect])
            #expect(!display.isReady, "the canvas is lent to the writer")
        }
        waitForWrite(display)
        #expect(!display.needsFrame)
        display.close(lastFrame: canvas)
        #expect(try PNGReader.read(path: file).pixels == canvas.pixels)
    }

    @Test func besideAScreenDamageWaitsForTheWriterAndTheLastFrameLands() throws {
        let file = path("mirror")
        defer { unlink(file) }
        let display = try HeadlessDisplay(snapshotPath: file, size: ScreenSize(width: 320, height: 240), copying: true)
        var canvas = Canvas(width: 320, height: 240)
        for step in 0..<20 {
            #expect(display.isReady, "a mirror never holds the screen back")
            let rect = Rect(x: step * 10, y: step * 5, width: 40, height: 30)
            canvas.fill(rect, Color(hex: UInt32(step + 1) * 0x0A0B0C))
            display.present(canvas, damage: [rect])
        }
        #expect(!display.needsFrame, "the first frame is being written; the rest wait")
        waitForWrite(display)
        #expect(display.needsFrame, "damage waited while the writer was busy")
        display.present(canvas, damage: [])
        waitForWrite(display)
        #expect(!display.needsFrame)
        display.close(lastFrame: canvas)
        #expect(try PNGReader.read(path: file).pixels == canvas.pixels)
    }
}
