import Synchronization

/// Lets worker threads hand results to the event loop: a locked queue plus a pipe that wakes `poll()`.
final class Mailbox<Message: Sendable>: Sendable {
    private let messages = Mutex<[Message]>([])
    private let readEnd: Int32
    private let writeEnd: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        try systemCall("pipe", "wake-up pipe") { pipe(&fds) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// The descriptor the loop polls for readability.
    var fileDescriptor: Int32 { readEnd }

    /// Queues `message` and wakes the loop. Safe from any thread.
    func post(_ message: Message) {
        messages.withLock { $0.append(message) }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)  // A full pipe already means "wake up": nothing is lost.
    }

    /// Everything posted so far, oldest first; clears the wake-up pipe.
    func drain() -> [Message] {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(readEnd, &sink, sink.count) > 0 {}
        return messages.withLock { queued in
            defer { queued.removeAll(keepingCapacity: true) }
            return queued
        }
    }
}
