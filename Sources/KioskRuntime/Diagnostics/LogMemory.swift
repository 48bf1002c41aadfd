import Synchronization

/// The last lines kioskd logged, kept in memory for the diagnostics Log screen: at most
/// ``capacity``, the oldest dropped first. Written from any thread.
enum LogMemory {
    static let capacity = 300
    private static let ring = Mutex(Ring())

    private struct Ring {
        var lines: [String] = []
        /// Where the next line goes once the ring is full.
        var next = 0
    }

    /// Keeps `line` (already escaped), dropping the oldest past the capacity.
    static func keep(_ line: String) {
        ring.withLock { ring in
            if ring.lines.count < capacity {
                ring.lines.append(line)
            } else {
                ring.lines[ring.next] = line
                ring.next = (ring.next + 1) % capacity
            }
        }
    }

    /// The lines kept, oldest first.
    static func lines() -> [String] {
        ring.withLock { Array($0.lines[$0.next...] + $0.lines[..<$0.next]) }
    }
}
