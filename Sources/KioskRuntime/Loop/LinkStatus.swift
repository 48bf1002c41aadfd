import KioskLink

/// What the kiosk last heard from its queue server, kept in the state directory for `kioskctl
/// status` and logged when it changes (issue 11 #5). It never holds the token, nor anything the
/// server said about it: a refused token is named by its file only.
enum LinkStatus: Equatable {
    case ok
    /// The server refused the token (HTTP 401 or 403).
    case tokenRefused(status: Int)
    /// kioskd refused its own token file (loose mode, not a file, empty…): `refusal` says why, never the token.
    case tokenFileRefused(TokenFile.Refusal)
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
        case .tokenFileRefused(let refusal):
            "token refused (token file): \(refusal) Out of service until it is fixed; kioskd reads the file again when it changes"
        case .unreachable(let detail): "unreachable: \(detail)"
        }
    }

    /// True for a status a technician must act on (`kioskctl status` exits 1).
    var needsTechnician: Bool {
        switch self {
        case .tokenRefused, .tokenFileRefused: true
        case .ok, .unreachable: false
        }
    }

    /// Writes this status to the status file in `stateDirectory` (best effort: the log says it too).
    func write(stateDirectory: String, tokenFile: String) {
        try? Files.replace(Self.path(stateDirectory: stateDirectory), with: line(tokenFile: tokenFile) + "\n")
    }
}
