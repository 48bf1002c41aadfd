import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// The Network screen of a kiosk linked to a real queue server: "sync now" makes the link send its
/// heartbeat at once (the heartbeat every 5 s would otherwise come later), carrying the entry.
@Suite struct DiagnosticsNetworkTests {
    @Test(.timeLimit(.minutes(4)))
    func syncNowSendsTheHeartbeatAtOnce() throws {
        let setup = try LinkedKioskEndToEndTests.Setup()
        let added = try Technicians.add("wayan", input: "2468\n2468\n", config: setup.fixture.configPath)
        try #require(added.status == 0, "\(added.output)")
        let kiosk = try setup.start()
        defer { kiosk.stop() }
        try #require(LinkedKioskEndToEndTests.eventually(timeout: 20) { try setup.heartbeat() != nil }, "a first heartbeat")
        let touch = try KioskTouchDriver(setup.fixture)
        try Technicians.openPINPad(touch, kiosk)
        try Technicians.type([2, 4, 6, 8], touch)
        try #require(kiosk.waitForLines(containing: "technician wayan entered diagnostics").count == 1)
        try touch.press(.openDiagnostics(.network), on: .diagnostics(.overview))
        try #require(kiosk.waitForLines(containing: "technician wayan opened the network screen").count == 1)
        var network = KioskState()  // a linked kiosk's Network screen, where Sync now is enabled
        network.screen = .diagnostics(.network)
        network.technician.facts = DiagnosticsJourneyTests.facts
        network.technician.facts?.network = NetworkFacts(
            serverURL: "", online: true, status: "ok", lastHeartbeat: nil, lastSync: nil, outboxDepth: 0, leasesLeft: [],
            clockOffsetMilliseconds: nil)
        // Sync now is enabled once kioskd's facts say the link is up: on a starved machine that may be after the
        // tap, so the tap is repeated until kioskd takes it.
        for _ in 0..<5 where kiosk.waitForLines(containing: "asked for a sync now", timeout: 0).isEmpty {
            try touch.press(.syncNow, in: network)
            _ = kiosk.waitForLines(containing: "asked for a sync now", timeout: 4)
        }
        try #require(!kiosk.waitForLines(containing: "technician wayan asked for a sync now").isEmpty)
        try #require(!kiosk.waitForLines(containing: "queue server: synced as a technician asked: heartbeat sent, 0 tickets waiting").isEmpty)
        let heartbeat = try #require(try setup.heartbeat())
        #expect(heartbeat.contains("\"entries\":1"), "\(heartbeat)")
    }
}
