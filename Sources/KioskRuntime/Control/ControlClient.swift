import CLinux
import KioskCore

/// Who is at the other end of a control connection, as the kernel saw them at connect(2).
struct ControlPeer: CustomStringConvertible {
    var pid: Int32 = -1
    var uid: UInt32 = .max
    var gid: UInt32 = .max
    /// Supplementary groups; empty when the kernel could not tell them.
    var groups: [UInt32] = []

    /// Reads `SO_PEERCRED` and `SO_PEERGROUPS` of the connected socket `fd`; a peer it cannot read is nobody.
    init(connection fd: Int32) {
        _ = clinux_peer_credentials(fd, &pid, &uid, &gid)
        var buffer = [UInt32](repeating: 0, count: 1024)
        let count = clinux_peer_groups(fd, &buffer, Int32(buffer.count))
        if count > 0 { groups = Array(buffer.prefix(Int(count))) }
    }

    init(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32]) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }

    /// Root, kioskd's own user, and members of the socket's group may talk to kioskd; nobody else.
    func isAllowed(ownUID: UInt32, socketGroup: UInt32) -> Bool {
        uid == 0 || uid == ownUID || gid == socketGroup || groups.contains(socketGroup)
    }

    var description: String { "kioskctl pid \(pid) uid \(uid) gid \(gid)" }
}

/// One control connection: its request as it arrives, then its answer as the peer takes it.
final class ControlClient {
    let fd: Int32
    let peer: ControlPeer
    let acceptedAt: UInt64
    private var input: [UInt8] = []
    private var output: [UInt8] = []
    private var written = 0
    private var answered = false
    private(set) var isClosed = false
    /// The peer hung up, or its answer went out whole.
    private(set) var isDone = false

    init(fd: Int32, peer: ControlPeer, acceptedAt: UInt64) {
        self.fd = fd
        self.peer = peer
        self.acceptedAt = acceptedAt
    }

    /// An answer is waiting to be written.
    var wantsToWrite: Bool { answered && !isDone }

    /// Reads what the peer sent; the request once its line is complete (or too long to be one).
    func readRequest() -> Result<ControlRequest, ControlProblem>? {
        var chunk = [UInt8](repeating: 0, count: 1024)
        while !isDone {
            let count = read(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                if count == 0 || errno != EAGAIN { isDone = true }  // Hung up before a whole line: nothing to answer.
                return nil
            }
            input += chunk.prefix(count)
            if let end = input.firstIndex(of: UInt8(ascii: "\n")) {
                return ControlRequest.parse(input[..<end])
            }
            if input.count > ControlRequest.maximumLineBytes {
                return .failure(.usage("request longer than \(ControlRequest.maximumLineBytes) bytes"))
            }
        }
        return nil
    }

    /// Queues `answer` as one line; nothing more is read.
    func queue(_ answer: ControlAnswer) {
        output = Array((answer.line + "\n").utf8)
        written = 0
        answered = true
    }

    /// Writes as much of the answer as the socket takes now.
    func writeAnswer() {
        while written < output.count {
            let count = output[written...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                if errno != EAGAIN { isDone = true }  // The peer is gone.
                return
            }
            written += count
        }
        isDone = true
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }
}
