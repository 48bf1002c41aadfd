import KioskCore

/// The PIN pad's lockout kept in the state directory (`pin-lockout.json`), so `systemctl restart` or a
/// crash does not give a PIN guesser five fresh tries. Written atomically whenever the lockout changes.
struct PINLockoutFile {
    let path: String
    /// What the file holds now, as far as this kioskd knows.
    private var kept = PINLockout()

    init(stateDirectory: String) { path = stateDirectory + "/pin-lockout.json" }

    /// The lockout kept before this start; nil when there is none. A file that does not read is logged
    /// and taken as no lockout (only kioskd writes it, atomically); numbers are clamped to what the
    /// core can make: a lockout ends at most ``DiagnosticsSettings/longestLockoutSeconds`` from `now`.
    mutating func load(now: Timestamp) -> PINLockout? {
        guard let text = try? Files.readText(path) else { return nil }
        guard let value = try? JSONParser.parse(text), let wrong = value["wrongInARow"]?.integerValue,
            let level = value["level"]?.integerValue, let until = value["lockedUntilMilliseconds"]?.integerValue
        else {
            Log.write(.error, "\(path) does not read as a PIN lockout: ignored")
            return nil
        }
        let latest = now.adding(seconds: DiagnosticsSettings.longestLockoutSeconds)
        let lockout = PINLockout(
            wrongInARow: min(max(0, wrong), 1000), level: min(max(0, level), 64),
            lockedUntil: until > 0 ? min(Timestamp(millisecondsSinceEpoch: Int64(until)), latest) : nil)
        kept = lockout
        return lockout
    }

    /// Writes `lockout` when it differs from what the file holds.
    mutating func keep(_ lockout: PINLockout) {
        guard lockout != kept else { return }
        let text = JSONValue.fields([
            ("wrongInARow", .integer(lockout.wrongInARow)), ("level", .integer(lockout.level)),
            ("lockedUntilMilliseconds", .integer(lockout.lockedUntil?.millisecondsSinceEpoch ?? 0)),
        ]).jsonText + "\n"
        do {
            try Files.replace(path, with: text)
            kept = lockout
        } catch {
            Log.write(.error, "PIN lockout not kept for the next start: \(error)")
        }
    }
}
