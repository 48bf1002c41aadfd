// kiosk-sync-drill: issues tickets through the kiosk's sync link in a loop, for kill -9 tests and
// longer soak runs (scripts/sync-kill-loop.sh).
//
//   kiosk-sync-drill URL TOKEN-FILE STORE KIOSK-ID SERVICE-ID CATALOGUE [--sync-only]
//
// Every other ticket is issued offline on purpose (as if the deadline passed); each ticket is
// "printed" by writing `printed ID NUMBER` to stdout after it is durable, as the kiosk prints only
// after its durable write. Between tickets it syncs the outbox. With --sync-only it drains the outbox and exits.
import Foundation
import KioskCore
import KioskLink
import KioskProtocol

let arguments = CommandLine.arguments
guard arguments.count >= 7 else {
    FileHandle.standardError.write(Data("usage: kiosk-sync-drill URL TOKEN-FILE STORE KIOSK-ID SERVICE-ID CATALOGUE [--sync-only]\n".utf8))
    exit(2)
}
do {
    let catalogue = try ConfigParser.catalogue(text: try String(contentsOfFile: arguments[6], encoding: .utf8), path: arguments[6])
    guard let service = catalogue.service(ServiceID(arguments[5])) else { throw ProcessError("no service \(arguments[5])") }
    let link = try SyncLink(
        config: ServerConfig(url: arguments[1], tokenFile: arguments[2], deadlineMilliseconds: 1500, leaseSize: 20, syncBatchSize: 50),
        kioskID: arguments[4], storePath: arguments[3])
    if arguments.contains("--sync-only") {
        _ = try link.sender.drain(now: WallClock.milliseconds)
        say("synced, outbox \(try link.store.outboxDepth()), integrity \(try link.store.integrityCheck())")
        exit(0)
    }
    var generator = SystemRandomNumberGenerator()
    for round in 0... {
        let now = WallClock.milliseconds()
        let day = LocalTime(Timestamp(millisecondsSinceEpoch: now), zone: .wita).dayKey
        if round % 10 == 0 { _ = try? link.leases.renew([service.id], day: day) }
        let id = TicketID(randomBytes: (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let request = IssueTicketRequest(ticketId: id.description, serviceId: service.id.rawValue, issuedAt: now)
        let number: String
        say("issuing \(id)")  // from here until "printed", a kill may leave a ticket nobody holds
        if round % 2 == 1 {
            number = try link.store.issueOffline(request, service: service, day: day).ticket.number
        } else {
            guard case .issued(let ticket) = try link.issue(ticketID: id, service: service, day: day, issuedAt: now, language: .indonesian)
            else { continue }
            number = ticket.number
        }
        say("printed \(id) \(number)")
        if round % 5 == 4 { _ = try? link.sender.drain(now: WallClock.milliseconds) }
    }
} catch {
    FileHandle.standardError.write(Data("kiosk-sync-drill: \(error)\n".utf8))
    exit(1)
}

/// Writes one line to standard output at once (unbuffered: a kill must not lose a said line).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct ProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
