import KioskCore
import KioskRuntime

/// kioskd: the lobby ticket kiosk service. `kioskd [--config PATH]`.
let usage = """
    usage: kioskd [--config PATH]
      Runs the ticket kiosk. PATH defaults to $KIOSKD_CONFIG, else /etc/kioskd/kiosk.json.
    """

var arguments = CommandLine.arguments.dropFirst()
var configPath = ConfigFiles.defaultPath
while let argument = arguments.popFirst() {
    switch argument {
    case "--config" where !arguments.isEmpty: configPath = arguments.removeFirst()
    case "-h", "--help":
        print(usage)
        exit(0)
    default:
        Log.write(.error, "unknown argument \"\(argument)\"; see kioskd --help")
        exit(64)  // EX_USAGE
    }
}

do {
    let daemon = try KioskDaemon(configPath: configPath)
    exit(try daemon.run())
} catch let error as ConfigError {
    Log.write(.error, "configuration error: \(error)")
    exit(78)  // EX_CONFIG: systemd does not restart into the same broken file.
} catch {
    Log.write(.error, "cannot start: \(error)")
    exit(1)
}
