import Testing

@testable import KioskRuntime

/// Who may talk to kioskd through its control socket, by the credentials the kernel reports.
@Suite struct ControlPeerTests {
    private let kioskdUID: UInt32 = 998
    private let kioskdGroup: UInt32 = 997

    private func allowed(uid: UInt32, gid: UInt32, groups: [UInt32] = []) -> Bool {
        ControlPeer(pid: 42, uid: uid, gid: gid, groups: groups).isAllowed(ownUID: kioskdUID, socketGroup: kioskdGroup)
    }

    @Test func rootKioskdItselfAndTheGroupMayOthersMayNot() {
        #expect(allowed(uid: 0, gid: 0), "root")
        #expect(allowed(uid: kioskdUID, gid: 1234), "kioskd's own user")
        #expect(allowed(uid: 1000, gid: kioskdGroup), "primary group kioskd")
        #expect(allowed(uid: 1000, gid: 1000, groups: [27, kioskdGroup]), "a supplementary member")
        #expect(!allowed(uid: 1000, gid: 1000, groups: [27, 100]), "a user outside the group")
        #expect(!allowed(uid: 65534, gid: 65534), "nobody")
        #expect(!ControlPeer(pid: -1, uid: .max, gid: .max, groups: []).isAllowed(ownUID: kioskdUID, socketGroup: kioskdGroup),
                "a peer whose credentials could not be read")
    }
}
