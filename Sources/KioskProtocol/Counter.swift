/// Staff at a counter asking for the next citizen of one or more services.
public struct CallNextRequest: Codable, Sendable, Hashable {
    public var counterId: String
    public var serviceIds: [String]
    /// The local day whose queue to call from, `YYYY-MM-DD` (WITA).
    public var day: String

    public init(counterId: String, serviceIds: [String], day: String) {
        self.counterId = counterId
        self.serviceIds = serviceIds
        self.day = day
    }
}

/// Moving a waiting or called ticket to another service's queue, keeping its place by issue time.
public struct TransferRequest: Codable, Sendable, Hashable {
    public var serviceId: String
    public init(serviceId: String) { self.serviceId = serviceId }
}
