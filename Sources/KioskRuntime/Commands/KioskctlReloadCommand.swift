import KioskCore

/// `kioskctl reload`: checks the configuration and, when it is good, asks the running kioskd to take it up
/// (SIGHUP). kioskd checks it again itself and takes it up between citizens.
enum KioskctlReloadCommand {
    static let usage = "  reload               check the configuration, then have the running kioskd take it up between citizens"

    /// Exit status when no kioskd is running for this configuration (EX_UNAVAILABLE).
    static let daemonUnreachable = KioskctlExit.unreachable

    static func run(configPath: String, json: Bool) throws {
        let loaded = try ConfigFiles.load(configPath)  // A broken file stops here, with its file, line and fix.
        let pidPath = loaded.config.stateDirectory + "/kioskd.pid"
        guard let text = try? Files.readText(pidPath), let pid = Int32(text.split(separator: "\n").first ?? ""), pid > 0,
            isKioskd(pid)
        else {
            throw KioskctlCommand.Failure(
                description: "the configuration is valid, but no running kioskd was found (\(pidPath)): start it, or it "
                    + "will use this configuration when it starts", status: daemonUnreachable)
        }
        guard kill(pid, SIGHUP) == 0 else {
            throw KioskctlCommand.Failure(
                description: "cannot signal kioskd (pid \(pid)): \(String(cString: strerror(errno))); run kioskctl as root or as kioskd",
                status: daemonUnreachable)
        }
        KioskctlCommand.show(ControlAnswer([("pid", .integer(pid))]), json: json) {
            print("configuration valid; kioskd (pid \(pid)) takes it up when no citizen is mid-journey (see its log)")
        }
    }

    /// Whether process `pid` runs a program called kioskd.
    private static func isKioskd(_ pid: Int32) -> Bool {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        let count = readlink("/proc/\(pid)/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return false }
        let path = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.split(separator: "/").last.map { $0.hasPrefix("kioskd") } ?? false
    }
}
