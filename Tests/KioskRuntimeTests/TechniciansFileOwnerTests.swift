import Foundation
import KioskCore
import Testing

@testable import KioskRuntime

/// Who owns the technicians file: `kioskctl technician add` run as root gives it to the account kioskd runs
/// as (it used to stay root's, mode 0600, so kioskd could not read it), and `kioskctl doctor` checks owner and
/// mode and says how to fix them.
@Suite struct TechniciansFileOwnerTests {
    let directory: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "kioskd-technicians-owner-XXXXXX").utf8CString)
        directory = String(cString: try #require(mkdtemp(&template)))
    }

    var path: String { directory + "/technicians" }

    /// This process's own account name: the file it writes is its own.
    private var me: String { getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "?" }

    /// Whether `uid` can read `path`, tried by a real process running as that user (setpriv).
    private func readable(_ path: String, asUser uid: uid_t, group gid: gid_t) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "head", "-c", "1", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test func doctorSaysWhatToFixInTheModeAndTheLines() throws {
        let missing = KioskctlDoctorCommand.technicians(path, user: me)
        #expect(missing.fix == nil && missing.seen.contains("kioskctl technician add NAME"), "\(missing)")

        _ = try TechniciansFile.add(name: "wayan", pin: "2468", to: path)
        let fine = KioskctlDoctorCommand.technicians(path, user: me)
        #expect(fine.fix == nil && fine.seen.hasSuffix("owner \(me), mode 600, 1 technician"), "\(fine)")

        chmod(path, 0o644)
        let loose = KioskctlDoctorCommand.technicians(path, user: me)
        #expect(loose.seen.hasSuffix("mode 644: it must be 600") && loose.fix?.hasSuffix("chmod 600 \(path)") == true, "\(loose)")

        chmod(path, 0o600)
        let fd = open(path, O_WRONLY | O_APPEND)
        _ = "eve:plaintext\n".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let broken = KioskctlDoctorCommand.technicians(path, user: me)
        #expect(broken.seen.contains("line 3 is not NAME:$argon2id$") && broken.fix != nil, "\(broken)")
    }

    @Test func anAccountThatDoesNotExistLeavesTheFileItsWritersOwn() {
        #expect(TechniciansFile.owner(forRoot: true, user: "no-such-kioskd-user") == nil)
        #expect(TechniciansFile.owner(forRoot: false, user: "root") == nil)
    }

    /// chown needs root: run where the tests run as root (the build VM); elsewhere the system test's
    /// `technician` check covers it.
    @Test(.enabled(if: geteuid() == 0, "changing a file's owner needs root"))
    func asRootTheFileGoesToTheServiceAccountWhichThenReadsIt() throws {
        let nobody = try #require(getpwnam("nobody")).pointee
        chmod(directory, 0o755)  // nobody must reach the file to read it

        // What kioskctl did before: root's file, mode 0600; the service account cannot read it.
        _ = try TechniciansFile.add(name: "wayan", pin: "2468", to: path)
        #expect(try !readable(path, asUser: nobody.pw_uid, group: nobody.pw_gid))
        let rootOwned = KioskctlDoctorCommand.technicians(path, user: "nobody")
        #expect(rootOwned.seen.hasSuffix("owner root, mode 600: kioskd (user nobody) cannot read it"), "\(rootOwned)")
        #expect(rootOwned.fix?.hasPrefix("chown nobody:") == true && rootOwned.fix?.hasSuffix("chmod 600 \(path)") == true)

        // kioskctl technician add as root now: the existing file changes hands, and so does a new one.
        let owner = try #require(TechniciansFile.owner(forRoot: true, user: "nobody"))
        #expect(owner.uid == nobody.pw_uid && owner.gid == nobody.pw_gid)
        #expect(try TechniciansFile.add(name: "made", pin: "13579", to: path, owner: owner) == false)
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_uid == nobody.pw_uid && status.st_gid == nobody.pw_gid)
        #expect(status.st_mode & 0o777 == 0o600)
        #expect(try readable(path, asUser: nobody.pw_uid, group: nobody.pw_gid))
        #expect(KioskctlDoctorCommand.technicians(path, user: "nobody").fix == nil)
        #expect(try TechniciansFile.load(path).map(\.name) == ["wayan", "made"])

        unlink(path)
        _ = try TechniciansFile.add(name: "ketut", pin: "8642", to: path, owner: owner)
        #expect(stat(path, &status) == 0 && status.st_uid == nobody.pw_uid && status.st_mode & 0o777 == 0o600)
    }
}
