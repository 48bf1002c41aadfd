import KioskCore

extension Language {
    /// The language's name in that language, as on its button; the same whatever language is shown.
    var endonym: String {
        switch self {
        case .indonesian: "Bahasa Indonesia"
        case .english: "English"
        }
    }
}
