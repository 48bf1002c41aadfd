import CLinux
import KioskCore
import KioskDisplay
import KioskUI

/// What kioskd does when it cannot serve citizens (a configuration that does not load and no last
/// good copy, an unreadable token file, a device that cannot be set up): it stays up, shows the
/// out-of-service screen in both languages with the reason for the technician, tells systemd and the
/// log why, answers kioskctl's status, logs and restart on its control socket, and starts again when the
/// files change, on SIGHUP, at `kioskctl restart`, or every minute. Never a black screen.
final class OutOfService {
    private let problem: String
    private let watched: [String]
    private let controlSocket: String
    private let notifier = SystemdNotifier()

    /// `problem` is shown and logged; `watched` are the files (and the display's device node) whose change,
    /// appearance included, ends the wait; kioskctl finds kioskd at `controlSocket`.
    init(problem: String, watched: [String], controlSocket: String) {
        self.problem = problem
        self.watched = watched
        self.controlSocket = controlSocket
    }

    /// How the wait ended.
    enum Ending {
        /// SIGTERM or SIGINT: exit.
        case stop
        /// A file changed, SIGHUP came, or a minute passed: try to start again.
        case retry
    }

    /// Draws the screen on `display` (the configured one, or PNG snapshots when the configuration does not
    /// say), with `mallName` and `kioskID` of the configuration when known, and waits; `signals` is kioskd's
    /// termination signalfd.
    func run(signals: Int32, display: Display, mallName: LocalizedText, kioskID: String, zone: KioskTimeZone) -> Ending {
        // Before drawing and logging: a file that appears meanwhile (a display card at boot) is a change, not
        // the state to compare with (taken after the log line, it waited for the minute's retry).
        let before = watched.map(Self.modified)
        var frame = Canvas(width: display.size.width, height: display.size.height)
        do {
            let renderer = try ScreenRenderer(size: display.size, mallName: mallName, kioskID: kioskID)
            var state = KioskState()
            state.screen = .outOfService(reason: Self.shortened(problem))
            let settings = FlowSettings(
                catalogue: Catalogue(agencies: []), timeZone: zone, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
                agenciesPerPage: 1, servicesPerPage: 1)
            frame = renderer.render(state, settings: settings, now: Clock.now())
            display.present(frame, damage: [Rect(x: 0, y: 0, width: frame.width, height: frame.height)])
            waitUntilShown(display)
        } catch {
            Log.write(.error, "the out-of-service screen cannot be drawn: \(error)")
        }
        defer { display.close(lastFrame: frame) }
        let control = OutOfServiceControl(path: controlSocket, problem: problem, kioskID: kioskID)
        defer { control.close() }
        Log.write(.error, "out of service: \(problem)")
        notifier.pingWatchdog()
        notifier.notify("READY=1")
        notifier.notify("STATUS=out of service: " + Self.shortened(problem))
        let started = Clock.monotonicNanoseconds()
        while true {
            let own = ([signals] + display.pollDescriptors).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            var fds = own + control.pollDescriptors
            _ = poll(&fds, nfds_t(fds.count), 1000)
            control.serve(fds[own.count...])
            if control.restartAsked { return .retry }
            display.handleEvents()
            if display.needsFrame, display.isReady { display.present(frame, damage: []) }
            switch clinux_read_signal(signals) {
            case SIGHUP: return .retry
            case SIGTERM, SIGINT: return .stop
            default: break
            }
            notifier.pingWatchdog()
            let now = watched.map(Self.modified)
            if let changed = watched.indices.first(where: { now[$0] != before[$0] }) {
                Log.write(.info, "\(watched[changed]) changed: starting again")
                return .retry
            }
            if Clock.monotonicNanoseconds() - started > 60_000_000_000 { return .retry }
        }
    }

    /// Waits (at most 2 s) until the frame is on the screen or on disk.
    private func waitUntilShown(_ display: Display) {
        let deadline = Clock.monotonicNanoseconds() + 2_000_000_000
        while !display.isReady, Clock.monotonicNanoseconds() < deadline {
            var fds = display.pollDescriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = poll(&fds, nfds_t(fds.count), 100)
            display.handleEvents()
        }
    }

    /// The first 300 characters of `problem`, for the screen and `systemctl status`.
    static func shortened(_ problem: String) -> String {
        problem.count <= 300 ? problem : String(problem.prefix(299)) + "…"
    }

    /// The file's modification time, size and mode (a technician's `chmod 600` of the token file is a fix),
    /// or nil when it cannot be read.
    private static func modified(_ path: String) -> [Int]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [info.st_mtim.tv_sec, info.st_mtim.tv_nsec, Int(info.st_size), Int(info.st_mode)]
    }
}
