/// Work a technician asked for that the runtime carries out (``Effect/technician(_:)``).
public enum TechnicianWork: Sendable, Hashable {
    /// Feed and cut a short strip marked TEST: not a ticket, not in the ledger, not sent to the server.
    case cutTest
    /// Save the calibration `correction` applied after the one in use, atomically, keeping the
    /// previous file for undo, and read touches with it at once; answer ``Event/calibrationChanged(_:)``.
    case saveCalibration(correction: CalibrationMatrix)
    /// Put the previous calibration back; answer ``Event/calibrationChanged(_:)``.
    case undoCalibration
    /// Ask the queue server link to send its outbox and a heartbeat now.
    case syncNow
    /// Restart kioskd in place (as a reload does), with the configuration files as they are now.
    case restartKioskd
    /// Find whose this badge is in the technicians file; answer ``Event/badgeOwner(_:technician:)``.
    case lookUpBadge(String)
}

/// How saving or undoing a calibration went (the answer to ``TechnicianWork/saveCalibration(correction:)``
/// and ``TechnicianWork/undoCalibration``).
public enum CalibrationChange: Sendable, Hashable {
    /// The new calibration is saved and in use.
    case saved(CalibrationMatrix)
    /// The previous calibration is back in use (nil: the configured one, no saved file).
    case undone(CalibrationMatrix?)
    /// Nothing changed: why.
    case failed(reason: String)
}

/// What `kioskctl` asks of kioskd through the control socket (``Event/technicianRequest(_:from:)``):
/// acted on only between citizens or in diagnostics, never mid-ticket.
public enum TechnicianRequest: Sendable, Hashable {
    /// Print the test page (``Effect/printTestPage``).
    case printTestPage
    /// Feed and cut a strip marked TEST.
    case cutTest
    /// A new paper roll is in (``Effect/resetPaperCounter``).
    case resetPaper
    /// Show the 5-point calibration on the kiosk's screen for the technician standing at it.
    case calibrate
    /// Send the outbox and a heartbeat now.
    case syncNow
    /// Restart kioskd in place.
    case restart
}

/// The queue server link as the Network screen shows it (nil facts: a standalone kiosk).
public struct NetworkFacts: Sendable, Hashable {
    public var serverURL: String
    /// The last round with the server succeeded.
    public var online: Bool
    /// The link's status line (`ok`, `unreachable: …`, `token refused …`); never the token.
    public var status: String
    public var lastHeartbeat: Timestamp?
    /// The last time the outbox was sent (or found empty) in a round that reached the server.
    public var lastSync: Timestamp?
    /// Tickets numbered offline waiting to be sent; nil when sync.sqlite could not be read.
    public var outboxDepth: Int?
    /// Leased numbers left today per service, in catalogue order (services with none left out).
    public var leasesLeft: [LeaseCount]
    /// The kiosk's clock minus the server's, in milliseconds, as last measured; nil before any answer.
    public var clockOffsetMilliseconds: Int64?

    public init(
        serverURL: String, online: Bool, status: String, lastHeartbeat: Timestamp?, lastSync: Timestamp?,
        outboxDepth: Int?, leasesLeft: [LeaseCount], clockOffsetMilliseconds: Int64?
    ) {
        self.serverURL = serverURL
        self.online = online
        self.status = status
        self.lastHeartbeat = lastHeartbeat
        self.lastSync = lastSync
        self.outboxDepth = outboxDepth
        self.leasesLeft = leasesLeft
        self.clockOffsetMilliseconds = clockOffsetMilliseconds
    }
}

/// Leased numbers left for one service.
public struct LeaseCount: Sendable, Hashable {
    public var service: ServiceID
    public var left: Int

    public init(service: ServiceID, left: Int) {
        self.service = service
        self.left = left
    }
}
