import Foundation
import KioskCore
import KioskLink
import KioskSQLite
import KioskTestSupport
import Testing

/// A real queue server behind a fault-injecting proxy, and kiosks (their sync links) talking through it.
final class SyncHarness: Sendable {
    let server: QueueServerProcess
    let proxy: FaultProxy
    let catalogue: Catalogue
    let directory: String

    /// A server on `catalogue` (the sample's by default).
    init(catalogue path: String = QueueServerProcess.catalogue) throws {
        server = try QueueServerProcess(catalogue: path)
        proxy = try FaultProxy(upstreamPort: server.port)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        catalogue = try ConfigParser.catalogue(text: text, path: path)
        directory = server.directory
    }

    /// A kiosk with its own store, reaching the server through the proxy.
    func kiosk(
        _ id: String, deadlineMilliseconds: Int = 400, leaseSize: Int = 20, batch: Int = 7, confirmsPrints: Bool = false,
        mayClaimPriority: Bool = false
    ) throws -> SyncLink {
        let config = ServerConfig(
            url: "http://127.0.0.1:\(proxy.port)", tokenFile: try server.addKiosk(id, mayClaimPriority: mayClaimPriority),
            deadlineMilliseconds: deadlineMilliseconds,
            leaseSize: leaseSize, leaseLowWater: min(5, leaseSize - 1), syncBatchSize: batch)
        return try SyncLink(config: config, kioskID: "MPP-T-" + id, storePath: directory + "/\(id).sqlite", confirmsPrints: confirmsPrints)
    }

    func service(_ id: String) throws -> Service { try #require(catalogue.service(ServiceID(id))) }

    /// Today in WITA, as kiosk and server count days.
    static func today() -> String { LocalTime(Timestamp(millisecondsSinceEpoch: WallClock.milliseconds()), zone: .wita).dayKey }

    /// Every ticket the server holds, read from its database: id → (number, state, kiosk).
    func serverTickets() throws -> [String: (number: String, state: String, kiosk: String)] {
        let database = try SQLiteDatabase(path: server.database, readOnly: true)
        var result: [String: (number: String, state: String, kiosk: String)] = [:]
        for row in try database.query("SELECT ticket_id, number, state, kiosk_id FROM tickets") {
            guard case .text(let id) = row[0], case .text(let number) = row[1], case .text(let state) = row[2],
                case .text(let kiosk) = row[3]
            else { continue }
            result[id] = (number, state, kiosk)
        }
        return result
    }

    /// Drains `link`'s outbox, retrying with backoff (the proxy may still be closing old connections).
    func drain(_ link: SyncLink) throws {
        var backoff = Backoff(baseMilliseconds: 50, capMilliseconds: 500)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            do {
                _ = try link.sender.drain(now: WallClock.milliseconds)
                if try link.store.outboxDepth() == 0 { return }
            } catch {
                usleep(UInt32(backoff.failed(using: &generator)) * 1000)
            }
        }
        throw ProcessFailure("outbox of \(link.kioskID) did not drain: \(try link.store.outboxDepth()) left")
    }
}

/// What a kiosk printed in a test: ticket id → number, and the ids whose printing failed.
struct PrintedTickets {
    var numbers: [String: String] = [:]
    var failed: Set<String> = []
}

func freshID() -> TicketID {
    var generator = SystemRandomNumberGenerator()
    return TicketID(randomBytes: (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
}
