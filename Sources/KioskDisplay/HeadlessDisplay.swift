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
/// Alone, it writes the loop's own canvas: the canvas is lent to the writer and the display is
/// not ready (like a page flip on its way) until the PNG is written, so no frame is copied and no
/// pixel changes under the writer. Beside a real screen (``copying``), it keeps one snapshot
/// canvas of its own, brings it up to date with the damage, and lets the screen set the pace;
/// damage that comes while the writer is busy waits, and ``needsFrame`` asks for it afterwards.
public final class HeadlessDisplay: Display {
    public let size: ScreenSize
    private let writer: SnapshotWriter
    private let wakeRead: Int32
    private let copying: Bool
    /// Damage not yet written.
    private var pending: [Rect]
    private var writing = false
    public private(set) var health: DisplayHealth

    /// Writes frames of `size` to `path`; `copying` keeps a snapshot canvas of its own (to mirror a screen).
    public init(snapshotPath path: String, size: ScreenSize, copying: Bool = false) throws(DisplayError) {
        self.size = size
        self.copying = copying
        guard let wake = nonBlockingPipe() else {
            throw DisplayError(device: path, problem: failed("pipe"), check: "kioskd's open-file limit")
        }
        wakeRead = wake.read
        writer = SnapshotWriter(path: path, canvas: copying ? Canvas(width: size.width, height: size.height) : nil, wake: wake.write)
        pending = [Rect(x: 0, y: 0, width: size.width, height: size.height)]
        health = .showing("headless, PNG snapshots to \(path)")
    }

    public var stride: Int { size.width * 4 }
    public var isReady: Bool { copying || !writing }
    public var needsFrame: Bool { !writing && !pending.isEmpty }
    public var pollDescriptors: [Int32] { [wakeRead] }

    public func present(_ canvas: Canvas, damage: [Rect]) {
        pending = DamageList.merged(pending + damage, limit: 8)
        guard !writing else { return }
        if copying {
            guard var snapshot = writer.takeCanvas() else { return }
            for rect in pending { snapshot.copy(rect, from: canvas) }
            writer.putBack(snapshot)
        } else {
            writer.putBack(canvas)  // lent: the loop draws nothing until the writer gives it back
        }
        pending = []
        writing = true
        writer.writeInBackground(keep: copying)
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

/// The canvas being written and the queue that writes it as PNG.
private final class SnapshotWriter: Sendable {
    let path: String
    private let slot: Mutex<Canvas?>
    let failure = Mutex<String?>(nil)
    let wake: Int32
    private let queue = DispatchQueue(label: "kioskd.display")

    init(path: String, canvas: Canvas?, wake: Int32) {
        self.path = path
        self.wake = wake
        slot = Mutex(canvas)
    }

    /// Writes the canvas in the slot, puts it back if `keep` (else lets go of it), then writes a byte to `wake`.
    func writeInBackground(keep: Bool) {
        queue.async { [self] in
            let problem = writeSlot(keep: keep)
            failure.withLock { $0 = problem }
            var byte: UInt8 = 1
            _ = write(wake, &byte, 1)
        }
    }

    /// Writes the slot's canvas; every reference to a lent canvas is gone when this returns.
    private func writeSlot(keep: Bool) -> String? {
        guard let frame = takeCanvas() else { return nil }
        var problem: String?
        do {
            try PNGWriter.write(frame, to: path)
        } catch {
            problem = "snapshot not written: \(error)"
        }
        if keep { putBack(frame) }
        return problem
    }

    func wait() { queue.sync {} }

    /// The canvas, taken out of the slot (nil when the other side has it).
    func takeCanvas() -> Canvas? {
        slot.withLock { held in
            let canvas = held
            held = nil
            return canvas
        }
    }

    /// Puts a canvas in the slot for the other side.
    func putBack(_ canvas: Canvas) { slot.withLock { $0 = canvas } }
}
