import CLinux
import KioskCore
import KioskDevices
import KioskSystem

/// kioskd's end of the control socket (unix(7), `SOCK_STREAM`), served from the event loop without
/// ever blocking it: one request line in, one answer line out, then the connection closes.
///
/// Bounds: ``ControlRequest/maximumLineBytes`` per request, ``maximumClients`` connections at once,
/// ``deadlineNanoseconds`` for a client to send its request and read its answer (a client that never
/// reads is dropped then). The socket file is mode 0660 in kioskd's group; each peer is checked with
/// `SO_PEERCRED` and `SO_PEERGROUPS` (``ControlPeer/isAllowed(ownUID:socketGroup:)``).
final class ControlSocket {
    /// Connections served at once; more are told "busy" and closed.
    static let maximumClients = 16
    /// Time a client has, from connect, to send its request and read the answer.
    static let deadlineNanoseconds: UInt64 = 10_000_000_000

    let path: String
    /// The socket file's group: its members may talk to kioskd.
    let group: UInt32
    private let listener: Int32
    private var clients: [ControlClient] = []

    /// Listens at `path` (its directory is made when missing). A socket left by a kioskd that died is
    /// replaced; one a running kioskd answers on is not (throws).
    init(path: String) throws {
        self.path = path
        try Files.makeDirectories(Files.directory(of: path))
        try Self.removeStale(path)
        (listener, group) = try Self.listen(at: path)
    }

    /// What to `poll()`: the listening socket, and each client for its request or its answer's room.
    var pollDescriptors: [pollfd] {
        [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            + clients.map { pollfd(fd: $0.fd, events: Int16($0.wantsToWrite ? POLLOUT : POLLIN), revents: 0) }
    }

    /// Serves what `poll()` reported in `fds` (as ``pollDescriptors`` made them): accepts, reads requests,
    /// asks `answer` for each complete one, writes answers, drops clients past their deadline.
    func serve(_ fds: ArraySlice<pollfd>, now: UInt64, answer: (ControlRequest, ControlPeer) -> ControlAnswer) {
        let ready = Set(fds.filter { $0.revents != 0 }.map(\.fd))
        for client in clients where ready.contains(client.fd) || client.wantsToWrite {
            if !client.wantsToWrite, let request = client.readRequest() {
                switch request {
                case .success(let request): client.queue(answer(request, client.peer))
                case .failure(let problem):
                    Log.write(.warning, "control socket: \(client.peer): \(problem.message)")
                    client.queue(ControlAnswer(problem))
                }
            }
            if client.wantsToWrite { client.writeAnswer() }
        }
        for client in clients where client.isDone || now &- client.acceptedAt > Self.deadlineNanoseconds {
            if !client.isDone { Log.write(.warning, "control socket: \(client.peer) dropped: no request or answer not read within 10 s") }
            client.close()
        }
        clients.removeAll { $0.isClosed }
        if ready.contains(listener) { accept(now: now) }
    }

    /// Writes what is left of any answer once, closes every connection and the socket, and removes its file.
    func close() {
        for client in clients {
            if client.wantsToWrite { client.writeAnswer() }
            client.close()
        }
        clients.removeAll()
        Glibc.close(listener)
        unlink(path)
    }

    private func accept(now: UInt64) {
        while true {
            let fd = clinux_accept_nonblocking(listener)
            guard fd >= 0 else { return }  // EAGAIN: none left; anything else: the next poll tries again.
            let client = ControlClient(fd: fd, peer: ControlPeer(connection: fd), acceptedAt: now)
            guard client.peer.isAllowed(ownUID: geteuid(), socketGroup: group), clients.count < Self.maximumClients else {
                // Turned away with one try at saying why: such a client gets no room in the loop.
                if client.peer.isAllowed(ownUID: geteuid(), socketGroup: group) {
                    Log.write(.warning, "control socket: \(client.peer) turned away: \(Self.maximumClients) connections already open")
                    client.queue(ControlAnswer(.busy("kioskd is serving \(Self.maximumClients) kioskctl connections: try again")))
                } else {
                    Log.write(.warning, "control socket: refused \(client.peer): not root, kioskd's user (uid \(geteuid())) nor in group \(group)")
                    client.queue(ControlAnswer(.denied("uid \(client.peer.uid) may not talk to kioskd: run kioskctl as root, or as a member of group \(group)")))
                }
                client.writeAnswer()
                client.close()
                continue
            }
            clients.append(client)
        }
    }

    /// A listening socket bound at `path`, mode 0660, and the group its file belongs to.
    private static func listen(at path: String) throws -> (Int32, UInt32) {
        let flags = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = try systemCall("socket", path) { socket(AF_UNIX, flags, 0) } ?? -1
        do {
            try systemCall("bind", path) { clinux_bind_unix(fd, path) }
            try systemCall("chmod", path) { chmod(path, 0o660) }
            try systemCall("listen", path) { Glibc.listen(fd, 32) }
            var info = stat()
            try systemCall("stat", path) { stat(path, &info) }
            return (fd, info.st_gid)
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Removes a socket file nobody answers on; throws when a kioskd answers there, or `path` is no socket.
    private static func removeStale(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw SystemCallError(call: "bind", subject: path + " (not a socket: remove it)", errno: EEXIST)
        }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { Glibc.close(probe) }
        if probe >= 0, clinux_connect_unix(probe, path) == 0 {
            throw SystemCallError(call: "bind", subject: path + " (another kioskd answers there)", errno: EADDRINUSE)
        }
        unlink(path)
    }
}
