import Dispatch
import KioskCore
import KioskUI
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// A display with no screen: frames are written as PNG snapshots, off the event loop.
///
/// One snapshot canvas, allocated once, belongs either to the loop (which copies damage into it)
/// or to the writer (which writes it); it moves between them, never copied. While the writer is
/// busy, damage waits; when it is done it wakes the loop, which asks for the newest frame
/// (``needsFrame``), so a burst of taps never queues up work and the last frame always lands.
public final class HeadlessDisplay: Display {
    public let size: ScreenSize
    private let writer: SnapshotWriter
    private let wakeRead: Int32
    /// Damage not yet in the snapshot canvas.
    private var pending: [Rect]
    private var writing = false
    public private(set) var health: DisplayHealth

    /// Writes frames of `size` to `path`.
    public init(snapshotPath path: String, size: ScreenSize) throws(DisplayError) {
        self.size = size
        guard let wake = nonBlockingPipe() else {
            throw DisplayError(device: path, problem: "pipe failed: \(errnoText(errno))", check: "kioskd's open-file limit")
        }
        wakeRead = wake.read
        writer = SnapshotWriter(path: path, size: size, wake: wake.write)
        pending = [Rect(x: 0, y: 0, width: size.width, height: size.height)]
        health = .showing("headless, PNG snapshots to \(path)")
    }

    public var stride: Int { size.width * 4 }
    public var isReady: Bool { true }
    public var needsFrame: Bool { !writing && !pending.isEmpty }
    public var pollDescriptors: [Int32] { [wakeRead] }

    public func present(_ canvas: Canvas, damage: [Rect]) {
        pending = DamageList.merged(pending + damage, limit: 8)
        guard !writing, var snapshot = writer.takeCanvas() else { return }
        for rect in pending { snapshot.copy(rect, from: canvas) }
        pending = []
        writer.putBack(snapshot)
        writing = true
        writer.writeInBackground()
    }

    public func handleEvents() {
        var bytes = [UInt8](repeating: 0, count: 64)
        var done = false
        while read(wakeRead, &bytes, bytes.count) > 0 { done = true }
        guard done else { return }
        writing = false
        if let problem = writer.failure.withLock({ $0 }) {
            health = .failed("\(writer.path): \(problem)")
        } else {
            health = .showing("headless, PNG snapshots to \(writer.path)")
        }
    }

    public func suspend() {}
    public func resume() {}

    /// Writes the waiting damage of `canvas`, waits until it is on disk, and closes.
    public func close(lastFrame canvas: Canvas) {
        writer.wait()
        handleEvents()
        if !pending.isEmpty {
            present(canvas, damage: [])
            writer.wait()
            handleEvents()
        }
        closeDescriptor(wakeRead)
        closeDescriptor(writer.wake)
    }
}

/// The snapshot canvas and the queue that writes it as PNG.
private final class SnapshotWriter: Sendable {
    let path: String
    private let slot: Mutex<Canvas?>
    let failure = Mutex<String?>(nil)
    let wake: Int32
    private let queue = DispatchQueue(label: "kioskd.display")

    init(path: String, size: ScreenSize, wake: Int32) {
        self.path = path
        self.wake = wake
        slot = Mutex(Canvas(width: size.width, height: size.height))
    }

    /// Writes the canvas in the slot, puts it back, then writes a byte to `wake`.
    func writeInBackground() {
        queue.async { [self] in
            guard let frame = takeCanvas() else { return }
            var problem: String?
            do {
                try PNGWriter.write(frame, to: path)
            } catch {
                problem = "snapshot not written: \(error)"
            }
            putBack(frame)
            failure.withLock { $0 = problem }
            var byte: UInt8 = 1
            _ = write(wake, &byte, 1)
        }
    }

    func wait() { queue.sync {} }

    /// The snapshot canvas, taken out of the slot (nil when the other side has it).
    func takeCanvas() -> Canvas? {
        slot.withLock { held in
            let canvas = held
            held = nil
            return canvas
        }
    }

    /// Puts the snapshot canvas back for the other side.
    func putBack(_ canvas: Canvas) { slot.withLock { $0 = canvas } }
}
