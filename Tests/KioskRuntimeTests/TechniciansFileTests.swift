import Foundation
import KioskCore
import Testing

@testable import KioskRuntime

/// The technicians file: Argon2id hashes from libsodium, mode 0600 or refused, and the PIN desk
/// that checks PINs off the loop.
@Suite struct TechniciansFileTests {
    let directory: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "kioskd-technicians-XXXXXX").utf8CString)
        directory = String(cString: try #require(mkdtemp(&template)))
    }

    var path: String { directory + "/technicians" }

    @Test func anAddedPINIsStoredAsAnArgon2idHashMode0600AndMatchesOnlyItself() throws {
        #expect(try TechniciansFile.add(name: "wayan", pin: "2468", to: path) == false)
        #expect(try TechniciansFile.add(name: "made", pin: "13579", to: path) == false)
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("wayan:$argon2id$") && !text.contains("2468") && !text.contains("13579"))
        let entries = try TechniciansFile.load(path)
        #expect(entries.map(\.name) == ["wayan", "made"])
        #expect(TechniciansFile.match("2468", in: entries) == "wayan")
        #expect(TechniciansFile.match("13579", in: entries) == "made")
        #expect(TechniciansFile.match("2469", in: entries) == nil)
        #expect(TechniciansFile.match("", in: entries) == nil)
        // A new PIN replaces the old one.
        #expect(try TechniciansFile.add(name: "wayan", pin: "8642", to: path) == true)
        let changed = try TechniciansFile.load(path)
        #expect(changed.count == 2 && TechniciansFile.match("2468", in: changed) == nil)
        #expect(TechniciansFile.match("8642", in: changed) == "wayan")
    }

    @Test func aBadgeIsKeptWithItsTechnicianAndNamesThem() throws {
        _ = try TechniciansFile.add(name: "wayan", pin: "2468", badge: "TECH-WAYAN01", to: path)
        _ = try TechniciansFile.add(name: "made", pin: "1357", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains(":TECH-WAYAN01\n"))
        var entries = try TechniciansFile.load(path)
        #expect(TechniciansFile.owner(ofBadge: "TECH-WAYAN01", in: entries) == "wayan")
        #expect(TechniciansFile.match("2468", in: entries) == "wayan")
        // A new PIN keeps the badge; the badge given to someone else moves to them.
        _ = try TechniciansFile.add(name: "wayan", pin: "8642", to: path)
        #expect(TechniciansFile.owner(ofBadge: "TECH-WAYAN01", in: try TechniciansFile.load(path)) == "wayan")
        _ = try TechniciansFile.add(name: "made", pin: "1357", badge: "TECH-WAYAN01", to: path)
        entries = try TechniciansFile.load(path)
        #expect(TechniciansFile.owner(ofBadge: "TECH-WAYAN01", in: entries) == "made" && entries.first { $0.name == "wayan" }?.badge == nil)
        #expect(throws: TechniciansFile.Refusal.self) { try TechniciansFile.add(name: "made", pin: "1357", badge: "tech-x", to: path) }
        let fd = open(path, O_WRONLY | O_APPEND)
        _ = "eve:$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA:NOT-A-BADGE\n".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        #expect(throws: TechniciansFile.Refusal.self) { try TechniciansFile.load(path) }
    }

    @Test func aFileOthersCanReadIsRefusedAndSoIsABrokenLine() throws {
        _ = try TechniciansFile.add(name: "wayan", pin: "2468", to: path)
        chmod(path, 0o644)
        #expect(throws: TechniciansFile.Refusal.self) { try TechniciansFile.load(path) }
        do {
            _ = try TechniciansFile.load(path)
        } catch {
            #expect(error.description.contains("mode 644 lets others read it"))
        }
        chmod(path, 0o600)
        let fd = open(path, O_WRONLY | O_APPEND)
        _ = "eve:plaintext\n".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        #expect(throws: TechniciansFile.Refusal.self) { try TechniciansFile.load(path) }
        #expect(throws: TechniciansFile.Refusal.self) { try TechniciansFile.load(directory + "/missing") }
        #expect(!TechniciansFile.isValidName("a b") && !TechniciansFile.isValidName("") && TechniciansFile.isValidName("i.ketut_2"))
    }

    @Test(.timeLimit(.minutes(4))) func thePINDeskAnswersThroughItsDescriptor() throws {
        _ = try TechniciansFile.add(name: "wayan", pin: "2468", to: path)
        let desk = try PINDesk(path: path)
        desk.check(PINAttempt(digits: [2, 4, 6, 8], number: 1))
        desk.check(PINAttempt(digits: [1, 1, 1, 1], number: 2))
        var answers: [Event] = []
        while answers.count < 2 {
            var descriptor = pollfd(fd: desk.pollDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 10_000)
            answers += desk.drain()
        }
        #expect(answers == [.pinChecked(attempt: 1, .accepted(technician: "wayan")), .pinChecked(attempt: 2, .rejected)])
        chmod(path, 0o640)
        desk.check(PINAttempt(digits: [2, 4, 6, 8], number: 3))
        var descriptor = pollfd(fd: desk.pollDescriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, 10_000)
        guard case .pinChecked(3, .unavailable(let reason))? = desk.drain().first else {
            Issue.record("an unsafe file must make the check unavailable")
            return
        }
        #expect(reason.contains("mode 640"))
    }
}
