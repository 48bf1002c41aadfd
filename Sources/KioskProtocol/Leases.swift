/// A kiosk's request for a block of numbers it alone may issue offline.
public struct LeaseRequest: Codable, Sendable, Hashable {
    public var serviceId: String
    /// The local day the numbers are for, `YYYY-MM-DD` (WITA).
    public var day: String
    /// How many numbers to reserve (1…500).
    public var count: Int
    /// The number series: `priority` for the service's priority series (its catalogue's `prioritySeries`);
    /// nil or `general` for its own.
    public var series: String?

    public init(serviceId: String, day: String, count: Int, series: String? = nil) {
        self.serviceId = serviceId
        self.day = day
        self.count = count
        self.series = series
    }
}

/// A block of sequence numbers `first...last` of one service and day, reserved for one kiosk.
public struct Lease: Codable, Sendable, Hashable {
    public var leaseId: String
    public var kioskId: String
    public var serviceId: String
    public var day: String
    public var first: Int
    public var last: Int
    /// The kiosk's fallback mark, assigned by the server and unique among its kiosks (e.g. `K07`): the
    /// kiosk prints `PREFIX-MARK-NNNN` when no leased number is left. Nil from older servers.
    public var fallbackMark: String?
    /// The series the numbers are of: `priority` for the service's priority series; nil (older servers) or `general` for its own.
    public var series: String?

    public init(
        leaseId: String, kioskId: String, serviceId: String, day: String, first: Int, last: Int, fallbackMark: String? = nil,
        series: String? = nil
    ) {
        self.leaseId = leaseId
        self.kioskId = kioskId
        self.serviceId = serviceId
        self.day = day
        self.first = first
        self.last = last
        self.fallbackMark = fallbackMark
        self.series = series
    }
}
