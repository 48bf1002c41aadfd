/// A kiosk's survey answer for one served ticket (`POST /v1/tickets/{ticketId}/survey`): the nine
/// elements U1…U9 (each 1–4), an optional suggestion, and when the citizen answered. Nothing in it
/// identifies the citizen.
public struct SurveyUpload: Codable, Sendable, Hashable {
    public var answers: [Int]
    public var suggestion: String?
    /// Kiosk clock, milliseconds since the epoch: the server judges the survey window on
    /// `answeredAt + clockOffsetMs`, so an answer that waited in the outbox keeps its day.
    public var answeredAt: Int64
    public var clockOffsetMs: Int64

    public init(answers: [Int], suggestion: String?, answeredAt: Int64, clockOffsetMs: Int64) {
        self.answers = answers
        self.suggestion = suggestion
        self.answeredAt = answeredAt
        self.clockOffsetMs = clockOffsetMs
    }
}

/// What the server stored for a ticket's survey (the first answer's, for a replay).
public struct SurveyUploadReceipt: Codable, Sendable, Hashable {
    public var ticketId: String
    public var serviceId: String
    public var day: String
    public var answeredAt: Int64
}
