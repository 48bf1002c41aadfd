import KioskCore

/// `kioskctl technician add NAME`: reads a PIN (twice, without echo on a terminal) and writes its
/// Argon2id hash to the technicians file beside the configuration, mode 0600. Run as root on an installed
/// kiosk, the file is given to the kioskd user, the only one kioskd reads it as.
enum KioskctlTechnicianCommand {
    static let usage = """
          technician add NAME [--badge TECH-…]
                               add a technician (or change their PIN): reads a 4–8 digit PIN twice from the
                               terminal and stores its Argon2id hash in the technicians file beside kiosk.json (0600,
                               owned by the kioskd user when run as root); --badge names them when their badge
                               opens the PIN pad
        """

    /// Runs `technician add`; with `json`, says what it did as one JSON object (`technician`, `file`, `changed`,
    /// `owner`, `mode`, and `badge` when one was given) instead of a sentence. The PIN is never printed.
    static func run(_ arguments: [String], configPath: String, json: Bool) throws {
        guard arguments.count == 2 || (arguments.count == 4 && arguments[2] == "--badge"), arguments[0] == "add" else {
            throw KioskctlCommand.Failure(description: "usage: kioskctl technician add NAME [--badge TECH-…]", status: 64)
        }
        let badge = arguments.count == 4 ? arguments[3] : nil
        if let badge, !ScanClassifier.isBadge(badge) {
            throw KioskctlCommand.Failure(description: "\"\(badge)\" is not a badge: TECH- and 4 to 16 of A–Z 0–9", status: 64)
        }
        let name = arguments[1]
        guard TechniciansFile.isValidName(name) else {
            throw KioskctlCommand.Failure(
                description: "\"\(name)\" is not a technician name: 1 to 32 of A–Z a–z 0–9 . _ -", status: 64)
        }
        let pin = try readLine(prompt: "PIN for \(name) (4–8 digits): ")
        guard (4...8).contains(pin.utf8.count), pin.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw KioskctlCommand.Failure(description: "a PIN is 4 to 8 digits", status: 64)
        }
        guard try readLine(prompt: "the same PIN again: ") == pin else {
            throw KioskctlCommand.Failure(description: "the two PINs differ; nothing was changed", status: 64)
        }
        let path = TechniciansFile.path(besideConfig: configPath)
        let owner = TechniciansFile.owner(forRoot: geteuid() == 0)
        let replaced = try TechniciansFile.add(name: name, pin: pin, badge: badge, to: path, owner: owner)
        let answer = ControlAnswer([
            ("technician", .text(name)), ("file", .text(path)), ("changed", .flag(replaced)),
            ("owner", .text(owner == nil ? userName() : TechniciansFile.serviceUser)), ("mode", .text("0600")),
        ] + (badge.map { [("badge", JSONValue.text($0))] } ?? []))
        KioskctlCommand.show(answer, json: json) {
            print("\(replaced ? "changed the PIN of" : "added") technician \(name) in \(path)"
                + (owner == nil ? "" : " (owner \(TechniciansFile.serviceUser), mode 0600)"))
        }
    }

    /// The name of the user running kioskctl (who owns the file when not run as root).
    private static func userName() -> String {
        getpwuid(geteuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(geteuid())"
    }

    /// One line from standard input; on a terminal the prompt goes to it and nothing typed is echoed.
    private static func readLine(prompt: String) throws -> String {
        let terminal = isatty(STDIN_FILENO) == 1
        var saved = termios()
        if terminal {
            _ = tcgetattr(STDIN_FILENO, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
            Array(prompt.utf8).withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        defer {
            if terminal {
                _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                _ = write(STDERR_FILENO, "\n", 1)
            }
        }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < 64 {
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 || byte == UInt8(ascii: "\n") { break }
            if byte != UInt8(ascii: "\r") { line.append(byte) }
        }
        return String(decoding: line, as: UTF8.self)
    }
}
