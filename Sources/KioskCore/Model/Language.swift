/// A language the kiosk speaks to citizens: Bahasa Indonesia first, English second.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case indonesian = "id"
    case english = "en"

    /// The kiosk's other language, printed second on a ticket.
    public var other: Language { self == .indonesian ? .english : .indonesian }
}

/// Text given in every language the kiosk speaks.
public struct LocalizedText: Sendable, Hashable {
    public var indonesian: String
    public var english: String

    public init(indonesian: String, english: String) {
        self.indonesian = indonesian
        self.english = english
    }

    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String {
        switch language {
        case .indonesian: indonesian
        case .english: english
        }
    }
}
