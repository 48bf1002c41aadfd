import KioskProtocol

/// When a kiosk needs a technician.
enum KioskHealth {
    /// Silence longer than this (three missed one-minute heartbeats) means the kiosk is down.
    static let silenceLimitMs: Int64 = 3 * 60_000
    /// More unsent offline tickets than this means sync is stuck.
    static let outboxLimit = 50

    static func needsTechnician(_ heartbeat: Heartbeat, lastSeen: Int64, now: Int64) -> Bool {
        let broken: Set<DeviceState> = [.paperOut, .coverOpen, .offline, .error]
        return now - lastSeen > silenceLimitMs || broken.contains(heartbeat.printer)
            || broken.contains(heartbeat.scanner) || broken.contains(heartbeat.touchscreen)
            || (heartbeat.display.map { $0 != .ok } ?? false)
            || heartbeat.outboxDepth > outboxLimit
    }
}
