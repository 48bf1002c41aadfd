/// An error body, RFC 9457 `application/problem+json`.
public struct Problem: Codable, Sendable, Hashable, Error {
    /// A URI reference naming the kind of problem: `/problems/<kind>`.
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?

    public init(type: String, title: String, status: Int, detail: String? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
    }

    /// The last path segment of `type` (e.g. `quota-exhausted`).
    public var kind: String { type.split(separator: "/").last.map(String.init) ?? type }
}
