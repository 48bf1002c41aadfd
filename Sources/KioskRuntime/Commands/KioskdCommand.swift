import KioskCore

/// The `kioskd` command line: `kioskd [--config PATH]`. The executable only calls ``main(_:)``.
public enum KioskdCommand {
    static let usage = """
        usage: kioskd [--config PATH]
          Runs the ticket kiosk. PATH defaults to $KIOSKD_CONFIG, else /etc/kioskd/kiosk.json.
        """

    /// Runs kioskd with `arguments` (the first is the program name); returns the exit status.
    public static func main(_ arguments: [String]) -> Int32 {
        var rest = arguments.dropFirst()
        var configPath = ConfigFiles.defaultPath
        while let argument = rest.popFirst() {
            switch argument {
            case "--config" where !rest.isEmpty: configPath = rest.removeFirst()
            case "-h", "--help":
                print(usage)
                return 0
            default:
                Log.write(.error, "unknown argument \"\(argument)\"; see kioskd --help")
                return 64  // EX_USAGE
            }
        }
        do {
            return try KioskDaemon(configPath: configPath).run()
        } catch let error as ConfigError {
            Log.write(.error, "configuration error: \(error)")
            return 78  // EX_CONFIG: systemd does not restart into the same broken file.
        } catch {
            Log.write(.error, "cannot start: \(error)")
            return 1
        }
    }
}
