import Foundation
import Hummingbird
import HummingbirdCore
import KioskProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// `queue-server`: serve the queue API, or provision credentials and bookings in its database.
public enum ServerCommand {
    static let usage = """
        usage: queue-server serve STORE --port N [--host 127.0.0.1] [--site ID --catalogue FILE] [--always-open]
                      [--priority-every 3] [--max-skew-minutes 120] [--idle-timeout-seconds 10] [--clock-start MS]
                      [--survey-window-days 0]   (days after its ticket's day a survey is taken; 0: the same day)
               queue-server add-token STORE --role kiosk|staff|city --id ID [--site ID] [--catalogue FILE] [--may-claim-priority]
                      (prints the new token; --may-claim-priority lets a kiosk issue priority tickets)
               queue-server revoke STORE --id ID [--site ID]   (--site is needed when ID holds tokens at several sites)
               queue-server add-booking STORE [--site ID] --code CODE --service ID --day YYYY-MM-DD [--priority]
        STORE is --db PATH (an SQLite file, the default store) or --store postgres://USER@HOST:PORT/DATABASE
        (PostgreSQL; a Unix socket: postgres://USER@/DATABASE?host=/run/postgresql&port=5432), with
        --survey-key FILE: the key survey answers are filed under (made, mode 0600, when missing; default
        for SQLite PATH.survey-key; required for PostgreSQL: every server process of one database needs the same file).
        --site names the site (one MPP building; default "default"); --catalogue FILE sets that site's
        catalogue, creating the site when new. A city token belongs to no site and reads every site.
        """

    /// Runs the command line `arguments` (without the program name); returns the exit status.
    public static func main(_ arguments: [String]) async -> Int32 {
        do {
            guard let verb = arguments.first else { throw UsageError("no command given") }
            let options = try Options(Array(arguments.dropFirst()))
            switch verb {
            case "serve": try await serve(options)
            case "add-token":
                guard let role = Principal.Role(rawValue: try options.required("role")) else {
                    throw UsageError("--role is kiosk, staff or city")
                }
                let token = TokenMaker.make()
                let store = try await store(options)
                let id = try options.required("id")
                let site = role == .city ? nil : options.site
                try await store.addCredential(tokenHash: SHA256Hex.of(token), principal: Principal(id: id, role: role, site: site), now: now())
                if role == .kiosk {
                    try await store.configureKiosk(id, site: options.site, mayClaimPriority: options.flag("may-claim-priority"))
                }
                print(token)
            case "revoke":
                let count = try await store(options).revokeCredentials(
                    principalID: try options.required("id"), site: options.value("site"), now: now())
                print("revoked \(count) token(s) of \(try options.required("id"))")
            case "add-booking":
                try await store(options).addBooking(
                    code: try options.required("code"), site: options.site, serviceID: try options.required("service"), day: try options.required("day"),
                    priority: options.flag("priority"))
            default: throw UsageError("unknown command \(verb)")
            }
            return 0
        } catch let error as UsageError {
            print("queue-server: \(error.message)\n\(usage)")
            return 2
        } catch let problem as Problem {
            print("queue-server: \(problem.detail ?? problem.title)")
            return 1
        } catch {
            print("queue-server: \(error)")
            return 1
        }
    }

    private static func serve(_ options: Options) async throws {
        let host = options.value("host") ?? "127.0.0.1"
        guard let port = Int(try options.required("port")), (0...65535).contains(port) else { throw UsageError("--port is 0…65535") }
        guard let idle = Int64(options.value("idle-timeout-seconds") ?? "10"), (1...3600).contains(idle) else {
            throw UsageError("--idle-timeout-seconds is 1…3600")
        }
        let clock = try serverClock(options)
        let store = try await store(options)
        try await store.checkSites()
        guard let window = Int(options.value("survey-window-days") ?? String(SurveyRules.defaultWindowDays)), (0...366).contains(window) else {
            throw UsageError("--survey-window-days is 0…366")
        }
        let routes = QueueRoutes(store: store, clock: clock, metrics: Metrics(), surveyWindowDays: window)
        let systemd = SystemdNotify()
        // A connection that sends no complete request head for `idle` seconds is closed, and so is one
        // whose body does not follow its head within as long (slowloris).
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [BodyDeadline(limit: .seconds(idle))], idleTimeout: .seconds(idle))
        let app = Application(
            router: routes.router(),
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(host, port: port), serverName: "queue-server"),
            onServerRunning: { channel in
                // Tests and scripts wait for this line; with --port 0 it names the port chosen.
                print("queue-server listening on \(host):\(channel.localAddress?.port ?? port)")
                fflush(nil)
                systemd.notify("READY=1")
            })
        let watchdog = Task {
            guard let interval = systemd.watchdogPingMilliseconds else { return }
            let health = OperationsRoutes(store: store, metrics: Metrics(), clock: clock)
            // Pinged only while the store reads and its writer is not stuck: a hung server is restarted.
            while !Task.isCancelled {
                if await health.isHealthy() { systemd.notify("WATCHDOG=1") }
                try? await Task.sleep(for: .milliseconds(interval))
            }
        }
        // At each hour's end (and at start, for hours ended while stopped) the last day's ended hours of survey
        // answers are filed again in hash order (F1): on disk, only the running hour's keep the order they came in.
        let refiling = Task {
            while !Task.isCancelled {
                let hour = SurveySchema.hour(clock())
                do { try await store.refileSurveys(hours: (hour - 24 * SurveySchema.hourMs)..<hour) } catch {
                    print("queue-server: filing the ended hours' survey answers again failed: \(error)")
                }
                try? await Task.sleep(for: .milliseconds(hour + SurveySchema.hourMs - clock() + 1_000))
            }
        }
        defer {
            watchdog.cancel()
            refiling.cancel()
        }
        try await app.runService()
        systemd.notify("STOPPING=1")
    }

    /// The store `--store postgres://…` names (PostgreSQL), or the SQLite file of `--db PATH` (or `--store PATH`).
    private static func store(_ options: Options) async throws -> any ServerStore {
        let catalogue = try options.value("catalogue").map { path -> (site: String, bytes: [UInt8], path: String) in
            guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read catalogue \(path)") }
            return (options.site, [UInt8](data), path)
        }
        let every = Int(options.value("priority-every") ?? "3") ?? 0
        guard every >= 1 else { throw UsageError("--priority-every is a whole number ≥ 1") }
        guard let skew = Int64(options.value("max-skew-minutes") ?? "120"), (1...1440).contains(skew) else {
            throw UsageError("--max-skew-minutes is 1…1440")
        }
        guard let location = options.value("store") ?? options.value("db") else {
            throw UsageError("--db PATH or --store postgres://… is required")
        }
        if PostgresLocation.isPostgres(location) {
            guard let keyPath = options.value("survey-key") else {
                throw UsageError("--survey-key FILE is required with PostgreSQL (the same file for every server process of the database)")
            }
            return try await PostgresQueueStore(
                url: location, catalogue: catalogue, alwaysOpen: options.flag("always-open"), priorityEvery: every, maxSkewMs: skew * 60_000,
                surveyKey: try SurveyKey.load(path: keyPath))
        }
        return try SQLiteQueueStore(
            path: location, catalogue: catalogue, alwaysOpen: options.flag("always-open"), priorityEvery: every,
            maxSkewMs: skew * 60_000, surveyKey: { try SurveyKey.load(path: options.value("survey-key") ?? SurveyKey.defaultPath(database: location)) })
    }

    /// The wall clock, or with `--clock-start MS` (tests and demos) a clock that starts at MS and runs at real speed.
    private static func serverClock(_ options: Options) throws -> @Sendable () -> Int64 {
        guard let text = options.value("clock-start") else { return now }
        guard let start = Int64(text), start > 0, start < 32_503_680_000_000 else { throw UsageError("--clock-start is ms since the epoch") }
        let began = ContinuousClock.now
        return {
            let elapsed = ContinuousClock.now - began
            return start + elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        }
    }

    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}

/// `--name value` options and `--name` flags.
struct Options {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    private static let flagNames: Set<String> = ["always-open", "priority", "may-claim-priority"]

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { throw UsageError("unexpected \(argument)") }
            let name = String(argument.dropFirst(2))
            if Self.flagNames.contains(name) {
                flags.insert(name)
            } else {
                guard let value = rest.popFirst() else { throw UsageError("\(argument) needs a value") }
                values[name] = value
            }
        }
        if let site = values["site"], !Self.isSiteID(site) {
            throw UsageError("--site is 1–32 of a–z, 0–9 and -, starting with a letter or digit")
        }
    }

    /// A site id as the server accepts it: a label for metrics, logs and URLs that needs no escaping.
    static func isSiteID(_ site: String) -> Bool {
        let bytes = Array(site.utf8)
        let allowed = { (byte: UInt8) in (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        return (1...32).contains(bytes.count) && allowed(bytes[0]) && bytes.allSatisfy { allowed($0) || $0 == 0x2D }
    }

    func value(_ name: String) -> String? { values[name] }
    /// `--site`, or the site a single-site database's data belongs to.
    var site: String { values["site"] ?? SQLiteMigrations.defaultSite }
    func flag(_ name: String) -> Bool { flags.contains(name) }
    func required(_ name: String) throws -> String {
        guard let value = values[name] else { throw UsageError("--\(name) is required") }
        return value
    }
}

/// What the command line needs of a store besides the API: checking every site's catalogue at
/// start and provisioning kiosks.
protocol ServerStore: QueueStore {
    func checkSites() async throws
    func configureKiosk(_ kiosk: String, site: String, mayClaimPriority: Bool) async throws
}

extension SQLiteQueueStore: ServerStore {}
extension PostgresQueueStore: ServerStore {}

struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
