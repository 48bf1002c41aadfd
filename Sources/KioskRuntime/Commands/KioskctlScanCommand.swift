import KioskCore

/// `kioskctl scan CODE`: the running kioskd takes CODE as a scan at its scanner, for demonstrations and tests.
enum KioskctlScanCommand {
    static let usage = "  scan CODE            the running kioskd takes CODE as if its scanner read it"

    static func run(_ code: String, config: KioskConfig, json: Bool) throws {
        guard config.scanner != nil else {
            throw KioskctlCommand.Failure(description: "the configuration has no scanner", status: KioskctlExit.usage)
        }
        guard (1...ControlRequest.maximumScanBytes).contains(code.utf8.count) else {
            throw KioskctlCommand.Failure(
                description: "a code is 1 to \(ControlRequest.maximumScanBytes) bytes long", status: KioskctlExit.usage)
        }
        let answer = try KioskctlDaemonCommands.ask(.scan(code), config)
        KioskctlCommand.show(answer, json: json) {}  // Silent when it worked, as before the socket.
    }
}
