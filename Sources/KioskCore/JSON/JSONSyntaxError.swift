/// Why a text is not valid JSON, where, and what to do about it.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var position: SourcePosition
    /// Path of the innermost value being read when the error was found, e.g. `$.printer`.
    public var jsonPath: String
    /// What is wrong, e.g. `expected ',' or '}' after an object member, found '"'`.
    public var problem: String
    /// What to change, as one sentence.
    public var fix: String

    public init(position: SourcePosition, jsonPath: String, problem: String, fix: String) {
        self.position = position
        self.jsonPath = jsonPath
        self.problem = problem
        self.fix = fix
    }
}
