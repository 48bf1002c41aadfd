import CLinux
import KioskCore
import KioskUI

/// What kioskd does when it cannot serve citizens (a configuration that does not load and no last
/// good copy, an unreadable token file, a device that cannot be set up): it stays up, shows the
/// out-of-service screen in both languages with the reason for the technician, tells systemd and the
/// log why, and starts again when the files change, on SIGHUP, or every minute. Never a black screen.
final class OutOfService {
    private let problem: String
    private let watched: [String]
    private let notifier = SystemdNotifier()

    /// `problem` is shown and logged; `watched` are the files whose change ends the wait.
    init(problem: String, watched: [String]) {
        self.problem = problem
        self.watched = watched
    }

    /// How the wait ended.
    enum Ending {
        /// SIGTERM or SIGINT: exit.
        case stop
        /// A file changed, SIGHUP came, or a minute passed: try to start again.
        case retry
    }

    /// Draws the screen (with `display`, `size` and `kioskID` of the last good or default configuration)
    /// and waits; `signals` is kioskd's termination signalfd.
    func run(signals: Int32, display: HeadlessDisplay, size: ScreenSize, mallName: LocalizedText, kioskID: String,
             zone: KioskTimeZone) -> Ending {
        do {
            let renderer = try ScreenRenderer(size: size, mallName: mallName, kioskID: kioskID)
            var state = KioskState()
            state.screen = .outOfService(reason: Self.shortened(problem))
            let settings = FlowSettings(
                catalogue: Catalogue(agencies: []), timeZone: zone, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
                agenciesPerPage: 1, servicesPerPage: 1)
            display.present(renderer.render(state, settings: settings, now: Clock.now()))
            display.flush()
        } catch {
            Log.write(.error, "the out-of-service screen cannot be drawn: \(error)")
        }
        Log.write(.error, "out of service: \(problem)")
        notifier.notify("READY=1")
        notifier.notify("STATUS=out of service: " + Self.shortened(problem))
        let started = Clock.monotonicNanoseconds()
        let before = watched.map(Self.modified)
        while true {
            var fd = pollfd(fd: signals, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, 1000)
            switch clinux_read_signal(signals) {
            case SIGHUP: return .retry
            case SIGTERM, SIGINT: return .stop
            default: break
            }
            if notifier.watchdogPingInterval != nil { notifier.notify("WATCHDOG=1") }
            if watched.map(Self.modified) != before {
                Log.write(.info, "a configuration file changed: starting again")
                return .retry
            }
            if Clock.monotonicNanoseconds() - started > 60_000_000_000 { return .retry }
        }
    }

    /// The first 300 characters of `problem`, for the screen and `systemctl status`.
    static func shortened(_ problem: String) -> String {
        problem.count <= 300 ? problem : String(problem.prefix(299)) + "…"
    }

    /// The file's modification time and size, or nil when it cannot be read.
    private static func modified(_ path: String) -> [Int]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [info.st_mtim.tv_sec, info.st_mtim.tv_nsec, Int(info.st_size)]
    }
}
