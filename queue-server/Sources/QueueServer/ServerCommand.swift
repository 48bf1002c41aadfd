import Foundation
import Hummingbird
import KioskProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// `queue-server`: serve the queue API, or provision credentials and bookings in its database.
public enum ServerCommand {
    static let usage = """
        usage: queue-server serve --db PATH --port N [--host 127.0.0.1] [--catalogue FILE] [--always-open] [--priority-every 3]
               queue-server add-token --db PATH --role kiosk|staff --id ID [--catalogue FILE]   (prints the new token)
               queue-server revoke --db PATH --id ID
               queue-server add-booking --db PATH --code CODE --service ID --day YYYY-MM-DD [--priority]
        """

    /// Runs the command line `arguments` (without the program name); returns the exit status.
    public static func main(_ arguments: [String]) async -> Int32 {
        do {
            guard let verb = arguments.first else { throw UsageError("no command given") }
            let options = try Options(Array(arguments.dropFirst()))
            switch verb {
            case "serve": try await serve(options)
            case "add-token":
                guard let role = Principal.Role(rawValue: try options.required("role")) else { throw UsageError("--role is kiosk or staff") }
                let token = TokenMaker.make()
                try await store(options).addCredential(
                    tokenHash: SHA256Hex.of(token), principal: Principal(id: try options.required("id"), role: role), now: now())
                print(token)
            case "revoke":
                let count = try await store(options).revokeCredentials(principalID: try options.required("id"), now: now())
                print("revoked \(count) token(s) of \(try options.required("id"))")
            case "add-booking":
                try await store(options).addBooking(
                    code: try options.required("code"), serviceID: try options.required("service"), day: try options.required("day"),
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
        let routes = QueueRoutes(store: try store(options), clock: now)
        let app = Application(
            router: routes.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "queue-server"),
            onServerRunning: { channel in
                // Tests and scripts wait for this line; with --port 0 it names the port chosen.
                print("queue-server listening on \(host):\(channel.localAddress?.port ?? port)")
                fflush(nil)
            })
        try await app.runService()
    }

    private static func store(_ options: Options) throws -> SQLiteQueueStore {
        let catalogue = try options.value("catalogue").map { path -> (bytes: [UInt8], path: String) in
            guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read catalogue \(path)") }
            return ([UInt8](data), path)
        }
        let every = Int(options.value("priority-every") ?? "3") ?? 0
        guard every >= 1 else { throw UsageError("--priority-every is a whole number ≥ 1") }
        return try SQLiteQueueStore(
            path: try options.required("db"), catalogue: catalogue, alwaysOpen: options.flag("always-open"), priorityEvery: every)
    }

    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}

/// `--name value` options and `--name` flags.
struct Options {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    private static let flagNames: Set<String> = ["always-open", "priority"]

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
    }

    func value(_ name: String) -> String? { values[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
    func required(_ name: String) throws -> String {
        guard let value = values[name] else { throw UsageError("--\(name) is required") }
        return value
    }
}

struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
