import KioskCore

/// kioskctl's exit statuses, the same for every command (sysexits.h where one fits).
enum KioskctlExit {
    static let ok: Int32 = 0
    /// Anything else that went wrong (a token refused, a ledger that does not open).
    static let failed: Int32 = 1
    /// A device reports a fault a person fixes (paper out, cover open, cutter jammed).
    static let deviceFault: Int32 = 2
    /// The printer cannot be reached or does not answer.
    static let printerUnreachable: Int32 = 3
    /// The command line is wrong (EX_USAGE).
    static let usage: Int32 = 64
    /// kioskd is not running, does not answer, or is out of service and cannot do it (EX_UNAVAILABLE).
    static let unreachable: Int32 = 69
    /// Not now: a citizen is mid-journey; try again (EX_TEMPFAIL).
    static let busy: Int32 = 75
    /// This user may not talk to kioskd (EX_NOPERM).
    static let denied: Int32 = 77
    /// The configuration is broken (EX_CONFIG).
    static let config: Int32 = 78

    /// The help text's table of the statuses above.
    static let help = """
        exit status: 0 ok; 1 failed; 2 a device fault to fix (paper, cover, cutter); 3 printer unreachable;
          64 usage; 69 kioskd not running, not answering, or out of service (it then answers status, logs and
          restart only); 75 busy (a citizen is mid-journey: try again);
          77 not allowed (run as root or a member of group kioskd); 78 broken configuration
        """

    /// The status for a problem kioskd answered with.
    static func status(_ problem: ControlProblem) -> Int32 {
        switch problem {
        case .usage: usage
        case .denied: denied
        case .busy: busy
        case .device: deviceFault
        case .failed: failed
        case .outOfService: unreachable
        }
    }
}
