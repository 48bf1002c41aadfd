import Dispatch
import KioskUI
import Synchronization

/// A display with no screen: each frame is written as a PNG, off the event loop.
///
/// Frames are coalesced: if the loop presents faster than PNGs can be written, only the newest
/// pending frame is written, so a burst of taps never queues up work.
final class HeadlessDisplay: Sendable {
    private let path: String
    private let queue = DispatchQueue(label: "kioskd.display")
    private let pending = Mutex<Canvas?>(nil)

    /// Writes frames to `path`.
    init(snapshotPath path: String) { self.path = path }

    /// Schedules `canvas` to be written.
    func present(_ canvas: Canvas) {
        let wasIdle = pending.withLock { slot in
            defer { slot = canvas }
            return slot == nil
        }
        guard wasIdle else { return }
        queue.async { [self] in
            guard let frame = pending.withLock({ slot in defer { slot = nil }; return slot }) else { return }
            do {
                try PNGWriter.write(frame, to: path)
            } catch {
                Log.write(.error, "screen snapshot not written: \(error)")
            }
        }
    }

    /// Waits until every presented frame is on disk.
    func flush() { queue.sync {} }
}
