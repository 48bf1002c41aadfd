import KioskLink

/// What the kiosk last heard from its queue server, kept in the state directory for `kioskctl
/// status` and logged when it changes (issue 11 #5). It never holds the token, nor anything the
/// server said about it: a refused token is named by its file only.
enum LinkStatus: Equatable {
    case ok
    /// The server refused the token (HTTP 401 or 403).
    case tokenRefused(status: Int)
    case unreachable(String)

    /// The file in a state directory that holds the last status line.
    static func path(stateDirectory: String) -> String { stateDirectory + "/queue-server.status" }

    /// The status an error of a round with the server means.
    static func of(_ error: any Error) -> LinkStatus {
        switch error as? QueueClientError {
        case .problem(let problem) where [401, 403].contains(problem.status): .tokenRefused(status: problem.status)
        case .unexpected(let status, _) where [401, 403].contains(status): .tokenRefused(status: status)
        default: .unreachable(String(describing: error))
        }
    }

    /// One line for the status file and the log; `tokenFile` is where a technician fixes a refused token.
    func line(tokenFile: String) -> String {
        switch self {
        case .ok: "ok"
        case .tokenRefused(let status):
            "token refused (HTTP \(status)): the server does not accept the token in \(tokenFile); put the token "
                + "`queue-server add-token` printed for this kiosk there (mode 0600). Tickets are issued offline meanwhile; kioskd keeps trying"
        case .unreachable(let detail): "unreachable: \(detail)"
        }
    }

    /// True for a status a technician must act on (`kioskctl status` exits 1).
    var needsTechnician: Bool { if case .tokenRefused = self { true } else { false } }
}
