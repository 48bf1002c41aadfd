import CLinux
import KioskCore
import KioskDisplay

/// The `kioskd` command line: `kioskd [--config PATH]`. The executable only calls ``main(_:)``.
public enum KioskdCommand {
    static let usage = """
        usage: kioskd [--config PATH]
          Runs the ticket kiosk. PATH defaults to $KIOSKD_CONFIG, else /etc/kioskd/kiosk.json.
          SIGHUP reloads the configuration (a broken one is refused and the kiosk goes on with the old);
          SIGTERM stops.
        """

    /// Runs kioskd with `arguments` (the first is the program name); returns the exit status.
    public static func main(_ arguments: [String]) -> Int32 {
        let launchedAt = Clock.monotonicNanoseconds()
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
        // Block termination signals before any worker thread exists, so only the signalfd sees them.
        let signals = clinux_termination_signalfd()
        guard signals >= 0 else {
            Log.write(.error, "cannot start: signalfd: \(String(cString: strerror(errno)))")
            return 1
        }
        clinux_ignore_sigpipe()
        // A restart in place: the old program's last ping may be seconds old. Not on a fresh start: systemd
        // arms the watchdog at the first ping, and a start slower than its interval would then be killed.
        if getenv(restartedInPlace) != nil {
            unsetenv(restartedInPlace)
            SystemdNotifier().pingWatchdog()
        }
        switch serve(configPath: configPath, signals: signals, launchedAt: launchedAt) {
        case .stop(let status):
            return status
        case .restart:
            return restart(arguments)
        }
    }

    /// Starts from the configuration at `configPath` (or its last good copy) and serves until told to
    /// stop or restart; anything that keeps the kiosk from serving shows the out-of-service screen. `launchedAt`:
    /// when `main` began (monotonic ns), for the first frame's log line.
    static func serve(configPath: String, signals: Int32, launchedAt: UInt64) -> KioskDaemon.Ending {
        var loaded: ConfigFiles.Loaded
        var fallback: String?
        do {
            loaded = try ConfigFiles.load(configPath)
        } catch {
            let stateDirectory = configured(configPath)?.stateDirectory
            guard let lastGood = LastGoodConfig.load(configPath: configPath, stateDirectory: stateDirectory) else {
                return outOfService("configuration error: \(error)", configPath: configPath, loaded: nil, signals: signals)
            }
            let saved = LastGoodConfig.savedAt(stateDirectory: stateDirectory) ?? "earlier"
            fallback = "configuration error: \(error); running on the last good configuration (saved \(saved)) until it is fixed"
            Log.write(.error, fallback!)
            loaded = lastGood
        }
        let daemon: KioskDaemon
        do {
            daemon = try KioskDaemon(
                loaded: loaded, configPath: configPath, signals: signals, fallback: fallback, launchedAt: launchedAt)
        } catch {
            if fallback == nil { LastGoodConfig.remember(loaded) }  // The files are good; a device is not.
            return outOfService("cannot start: \(error)", configPath: configPath, loaded: loaded, signals: signals)
        }
        // After the first frame (the daemon shows it when it starts), and only what changed.
        if fallback == nil { LastGoodConfig.remember(loaded) }
        loaded.sources = []  // The files' texts are not kept for the life of the kiosk.
        do {
            return try daemon.run()
        } catch {
            return outOfService("cannot start: \(error)", configPath: configPath, loaded: loaded, signals: signals)
        }
    }

    /// Shows the out-of-service screen until the files change, SIGHUP, a minute, or SIGTERM.
    private static func outOfService(
        _ problem: String, configPath: String, loaded: ConfigFiles.Loaded?, signals: Int32
    ) -> KioskDaemon.Ending {
        // Draw where the configuration says when at least kiosk.json reads; else in the state directory.
        let config = loaded?.config ?? configured(configPath)
        let stateDirectory = config?.stateDirectory
            ?? LastGoodConfig.directory(stateDirectory: nil).map(Files.directory(of:)) ?? "/var/lib/kioskd"
        var watched = [Files.absolute(configPath)]
        if let config {
            watched.append(config.cataloguePath)
            if let token = config.server?.tokenFile { watched.append(token) }
            // A card whose driver is still loading at boot (kioskd waits for no udev settle): start when it appears.
            if let device = DisplayFactory.devicePath(config.display) { watched.append(device) }
        }
        try? Files.makeDirectories(stateDirectory)
        let fallbackDisplay = { () -> Display? in
            try? HeadlessDisplay(snapshotPath: stateDirectory + "/screen.png", size: ScreenSize(width: 1080, height: 1920))
        }
        // The configured screen when it opens (a DRM panel shows the apology too), else PNG snapshots.
        var display: Display? = nil
        if let config { display = try? DisplayFactory.open(config.display, stateDirectory: stateDirectory) }
        guard let display = display ?? fallbackDisplay() else {
            Log.write(.error, "out of service, and no display to say so: \(problem)")
            return .stop(1)
        }
        let absolute = Files.absolute(configPath)
        let socket = config?.controlSocket ?? ControlSocketPath.salvaged(kioskJSON: try? Files.readText(absolute), path: absolute)
        let ending = OutOfService(problem: problem, watched: watched, controlSocket: socket).run(
            signals: signals, display: display,
            mallName: config?.mallName ?? LocalizedText(indonesian: "Mal Pelayanan Publik", english: "Public Service Mall"),
            kioskID: config?.kioskID ?? "?", zone: config?.timeZone ?? .wita)
        return ending == .stop ? .stop(0) : .restart
    }

    /// The kiosk.json at `configPath` alone, when it parses (its catalogue may still be broken).
    private static func configured(_ configPath: String) -> KioskConfig? {
        let absolute = Files.absolute(configPath)
        guard let text = try? Files.readText(absolute) else { return nil }
        return try? ConfigParser.kioskConfig(text: text, path: absolute)
    }

    /// Replaces this process with a fresh kioskd (same arguments, same pid for systemd); returns only on failure.
    /// Set across the exec of a restart in place, so the new program knows systemd's watchdog is already armed.
    private static let restartedInPlace = "KIOSKD_RESTARTED_IN_PLACE"

    private static func restart(_ arguments: [String]) -> Int32 {
        let program = programToRestart()
        Log.write(.info, "restarting to take up the configuration (\(program))")
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        SystemdNotifier().pingWatchdog()  // Finishing print jobs and closing devices took time.
        setenv(restartedInPlace, "1", 1)
        execv(program, &argv)
        unsetenv(restartedInPlace)
        Log.write(.error, "cannot restart: execv: \(String(cString: strerror(errno)))")
        return 1
    }

    /// The file at this executable's path, so a package upgrade that replaced it (the kernel then names the
    /// running one "PATH (deleted)") starts the new version; this same executable when that file is gone.
    private static func programToRestart() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        guard count > 0 else { return "/proc/self/exe" }
        var path = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if path.hasSuffix(" (deleted)") { path.removeLast(" (deleted)".count) }
        return access(path, X_OK) == 0 ? path : "/proc/self/exe"
    }
}
