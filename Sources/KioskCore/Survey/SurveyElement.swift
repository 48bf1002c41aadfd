/// The nine elements (unsur) of the Survei Kepuasan Masyarakat, in the order of PermenPAN-RB
/// No. 14/2017, each answered on its 4-point scale (1 … 4). The queue server keeps its own copy
/// (`queue-server/Sources/QueueServer/Survey/SurveyElement.swift`); a test checks they agree.
public enum SurveyElement: Int, CaseIterable, Sendable {
    case requirements = 1, procedure, completionTime, cost, product, competence, conduct, complaints, facilities

    /// How many elements a complete answer has.
    public static let count = 9
    /// The scale's lowest and highest answer.
    public static let scale: ClosedRange<Int> = 1...4

    /// The element asked at `index` (0-based) of the questionnaire.
    public static func at(_ index: Int) -> SurveyElement? { SurveyElement(rawValue: index + 1) }

    /// The regulation's code for the element: U1 … U9.
    public var code: String { "U\(rawValue)" }
}
