import KioskCore

/// The last configuration that loaded and validated, kept so a broken edit never leaves the lobby
/// with a black screen: kioskd starts from it, says so, and goes on checking the new files.
///
/// The copy lives in `$STATE_DIRECTORY/last-good-config/` (systemd's `StateDirectory=`), else in the
/// configured state directory's. Without `STATE_DIRECTORY` a broken kiosk.json has no state directory
/// to look in, so only a broken catalogue or scanner profile can fall back.
enum LastGoodConfig {
    /// The copy's directory for a kiosk whose state directory is `stateDirectory` (nil: unknown).
    static func directory(stateDirectory: String?) -> String? {
        if let systemd = getenv("STATE_DIRECTORY").map({ String(cString: $0) }), let first = systemd.split(separator: ":").first {
            return String(first) + "/last-good-config"
        }
        return stateDirectory.map { $0 + "/last-good-config" }
    }

    /// Keeps a copy of every file of `loaded`, as it was read and checked; a failure is logged, never fatal.
    /// A copy that is the same already is not written again (a start writes nothing when nothing changed).
    static func remember(_ loaded: ConfigFiles.Loaded) {
        guard let directory = directory(stateDirectory: loaded.config.stateDirectory) else { return }
        let index = loaded.sources.map(\.path).joined(separator: "\n") + "\n"
        let same = { (path: String, text: String) in (try? Files.readText(path)) == text }
        let changed = loaded.sources.enumerated().filter { !same(directory + "/\($0.offset).json", $0.element.text) }
        guard !changed.isEmpty || !same(directory + "/paths", index) else { return }
        do {
            try Files.makeDirectories(directory)
            for (slot, source) in changed { try Files.replace(directory + "/\(slot).json", with: source.text) }
            // The index file last: a copy without it is incomplete and never used; its time is when the copy was saved.
            try Files.replace(directory + "/paths", with: index)
        } catch {
            Log.write(.warning, "the last good configuration was not saved: \(error)")
        }
    }

    /// The saved configuration for `configPath`, or nil when there is none for that path (or it no longer loads).
    static func load(configPath: String, stateDirectory: String?) -> ConfigFiles.Loaded? {
        guard let directory = directory(stateDirectory: stateDirectory),
            let index = try? Files.readText(directory + "/paths")
        else { return nil }
        let paths = index.split(separator: "\n").map(String.init)
        guard paths.first == Files.absolute(configPath) else { return nil }
        return try? ConfigFiles.load(configPath) { path in
            guard let slot = paths.firstIndex(of: path) else { throw ConfigCopyMissing(path: path) }
            return try Files.readText(directory + "/\(slot).json")
        }
    }

    /// When the saved copy was made, for the log ("from 2026-12-01 09:12").
    static func savedAt(stateDirectory: String?) -> String? {
        guard let directory = directory(stateDirectory: stateDirectory) else { return nil }
        var info = stat()
        guard stat(directory + "/paths", &info) == 0 else { return nil }
        let local = LocalTime(Timestamp(secondsSinceEpoch: Int64(info.st_mtim.tv_sec)), zone: .wita)
        return "\(local.dayKey) \(local.timeText) WITA"
    }

    private struct ConfigCopyMissing: Error { var path: String }
}
