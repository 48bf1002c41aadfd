import Foundation
import KioskProtocol
import Testing

/// The heartbeat's optional technician counts: sent when present, absent from older kiosks.
@Suite struct HeartbeatTechnicianTests {
    @Test func technicianCountsRoundTripAndOlderHeartbeatsStillDecode() throws {
        let heartbeat = Heartbeat(
            softwareVersion: "1.0", printer: .ok, scanner: .absent, touchscreen: .ok, outboxDepth: 0, leasedNumbersLeft: 3,
            clockOffsetMs: 0, display: .ok,
            technician: TechnicianActivity(pinAttempts: 7, pinRejected: 5, lockouts: 1, entries: 1, exits: 1))
        let json = try JSONEncoder().encode(heartbeat)
        #expect(String(decoding: json, as: UTF8.self).contains(#""lockouts":1"#))
        #expect(try JSONDecoder().decode(Heartbeat.self, from: json) == heartbeat)
        let older = #"{"softwareVersion":"0.9","printer":"ok","scanner":"ok","touchscreen":"ok","outboxDepth":0,"leasedNumbersLeft":0,"clockOffsetMs":0}"#
        #expect(try JSONDecoder().decode(Heartbeat.self, from: Data(older.utf8)).technician == nil)
    }
}
