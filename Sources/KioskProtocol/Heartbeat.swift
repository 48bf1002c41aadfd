/// The state of one kiosk device.
public enum DeviceState: String, Codable, Sendable {
    case ok, paperLow, paperOut, coverOpen, offline, error, absent
}

/// A kiosk's periodic report of itself.
public struct Heartbeat: Codable, Sendable, Hashable {
    public var softwareVersion: String
    public var printer: DeviceState
    public var scanner: DeviceState
    public var touchscreen: DeviceState
    /// Whether frames reach the screen: `ok`, `absent` (no screen connected, or the display given
    /// away on a VT switch) or `error`. Nil from kiosks older than this field.
    public var display: DeviceState?
    /// Offline tickets not yet acknowledged by the server.
    public var outboxDepth: Int
    /// Leased numbers still unused, over all services.
    public var leasedNumbersLeft: Int
    public var clockOffsetMs: Int64
    /// The PIN pad and diagnostics since kioskd started. Nil from kiosks older than this field.
    public var technician: TechnicianActivity?
    /// The site (MPP building) the kiosk believes it stands in; the server refuses a heartbeat whose
    /// site is not its token's (`site-mismatch`). Nil from kiosks that do not say.
    public var siteId: String?

    public init(
        softwareVersion: String, printer: DeviceState, scanner: DeviceState, touchscreen: DeviceState, outboxDepth: Int,
        leasedNumbersLeft: Int, clockOffsetMs: Int64, display: DeviceState? = nil, technician: TechnicianActivity? = nil,
        siteId: String? = nil
    ) {
        self.softwareVersion = softwareVersion
        self.printer = printer
        self.scanner = scanner
        self.touchscreen = touchscreen
        self.display = display
        self.outboxDepth = outboxDepth
        self.leasedNumbersLeft = leasedNumbersLeft
        self.clockOffsetMs = clockOffsetMs
        self.technician = technician
        self.siteId = siteId
    }
}

/// Counts of the technician's PIN pad and diagnostics, since kioskd started.
public struct TechnicianActivity: Codable, Sendable, Hashable {
    /// PINs entered (those refused unchecked while the pad was locked included).
    public var pinAttempts: Int
    /// PINs checked and found wrong.
    public var pinRejected: Int
    public var lockouts: Int
    /// Entries into diagnostics (a right PIN) and exits from it.
    public var entries: Int
    public var exits: Int

    public init(pinAttempts: Int, pinRejected: Int, lockouts: Int, entries: Int, exits: Int) {
        self.pinAttempts = pinAttempts
        self.pinRejected = pinRejected
        self.lockouts = lockouts
        self.entries = entries
        self.exits = exits
    }
}

/// The server's answer to a heartbeat: its clock, so the kiosk can estimate its offset.
public struct HeartbeatReply: Codable, Sendable, Hashable {
    public var serverTime: Int64
    /// How far `issuedAt + clockOffsetMs` may be from the server's clock (online) or from the ticket's
    /// service day (offline) before the server refuses it as `clock-skew`. Nil from older servers.
    public var maxClockSkewMs: Int64?
    public init(serverTime: Int64, maxClockSkewMs: Int64? = nil) {
        self.serverTime = serverTime
        self.maxClockSkewMs = maxClockSkewMs
    }
}

/// What staff see of one kiosk: its last heartbeat and whether it needs a technician.
public struct KioskReport: Codable, Sendable, Hashable {
    public var kioskId: String
    public var lastSeen: Int64
    public var heartbeat: Heartbeat
    public var needsTechnician: Bool

    public init(kioskId: String, lastSeen: Int64, heartbeat: Heartbeat, needsTechnician: Bool) {
        self.kioskId = kioskId
        self.lastSeen = lastSeen
        self.heartbeat = heartbeat
        self.needsTechnician = needsTechnician
    }
}

/// Every kiosk that has reported.
public struct KioskReports: Codable, Sendable, Hashable {
    public var kiosks: [KioskReport]
    public init(kiosks: [KioskReport]) { self.kiosks = kiosks }
}
