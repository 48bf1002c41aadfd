import CLinux
import KioskCore

/// The control socket while kioskd is out of service, so that a technician is not locked out by the very
/// fault they came to fix: `kioskctl status` says why, `kioskctl logs` shows the log, `kioskctl restart`
/// starts kioskd again. Everything else is refused as out of service (kioskd then holds no device and no
/// ledger, so kioskctl does without it where it can).
final class OutOfServiceControl {
    private let socket: ControlSocket?
    private let problem: String
    private let kioskID: String
    private let startedAt = Clock.monotonicNanoseconds()
    /// A technician asked for a restart; the answer is written when the socket closes.
    private(set) var restartAsked = false

    /// Listens at `path` (see ``ControlSocketPath``) for the kiosk `kioskID`, out of service for `problem`.
    init(path: String, problem: String, kioskID: String) {
        self.problem = problem
        self.kioskID = kioskID
        do {
            let socket = try ControlSocket(path: path)
            Log.write(.info, "control socket \(socket.path) (group \(socket.group), mode 0660): status, logs and restart while out of service")
            self.socket = socket
        } catch {
            Log.write(.error, "control socket off, kioskctl cannot reach kioskd: \(error)")
            socket = nil
        }
    }

    /// What to `poll()` for the socket and its clients.
    var pollDescriptors: [pollfd] { socket?.pollDescriptors ?? [] }

    /// Serves what `poll()` reported in `fds` (as ``pollDescriptors`` made them).
    func serve(_ fds: ArraySlice<pollfd>) {
        socket?.serve(fds, now: Clock.monotonicNanoseconds()) { answer($0, from: $1) }
    }

    /// Writes any answer left, closes the socket and removes its file (the kioskd that starts next opens it again).
    func close() { socket?.close() }

    /// The answer to `request` while out of service.
    func answer(_ request: ControlRequest, from peer: ControlPeer) -> ControlAnswer {
        switch request {
        case .status:
            let uptime = (Clock.monotonicNanoseconds() &- startedAt) / 1_000_000_000
            return ControlAnswer([
                ("kioskId", .text(kioskID)), ("version", .text(KioskVersion.current)), ("uptimeSeconds", .integer(uptime)),
                ("screen", .text("out-of-service")), ("betweenCitizens", .flag(false)), ("outOfService", .text(problem)),
            ])
        case .logs:
            return ControlAnswer(ControlFacts.logs())
        case .restart:
            restartAsked = true
            Log.write(.info, "restart asked by \(peer) while out of service: starting again")
            return ControlAnswer([("restart", .text("now, to try the configuration and devices again"))])
        default:
            return ControlAnswer(.outOfService(
                "kioskd is out of service (\(OutOfService.shortened(problem))); it answers only status, logs and restart"))
        }
    }
}
