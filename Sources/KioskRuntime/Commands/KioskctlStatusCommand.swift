import KioskCore

/// `kioskctl status`: what the running kioskd last heard from its queue server (issue 11 #5), from
/// the status file it keeps in the state directory. Never prints the token.
///
/// Exit status: 0 when the link is fine (or the kiosk is standalone), 1 when the server refused
/// the token (a technician must fix the token file), 69 when kioskd has written no status yet.
enum KioskctlStatusCommand {
    static let usage = "  status               the queue server link as the running kioskd last saw it (token refused, unreachable, ok)"

    static func run(config: KioskConfig) throws {
        guard let server = config.server else {
            print("standalone numbering: no queue server configured")
            return
        }
        let path = LinkStatus.path(stateDirectory: config.stateDirectory)
        guard let line = (try? Files.readText(path))?.split(separator: "\n").first.map(String.init) else {
            throw KioskctlCommand.Failure(
                description: "queue server \(server.url): no status yet (\(path)): kioskd is not running, or has not reached the server once",
                status: KioskctlReloadCommand.daemonUnreachable)
        }
        guard !line.hasPrefix("token refused") else {
            throw KioskctlCommand.Failure(description: "queue server \(server.url): \(line)", status: 1)
        }
        print("queue server \(server.url): \(line)")
    }
}
