import KioskProtocol

/// The problems the server answers with, by kind (docs/queue-api.yaml lists them all).
enum Problems {
    static func invalid(_ detail: String) -> Problem {
        Problem(type: "/problems/invalid-request", title: "Invalid request", status: 400, detail: detail)
    }
    static func notFound(_ detail: String) -> Problem {
        Problem(type: "/problems/not-found", title: "Not found", status: 404, detail: detail)
    }
    static func forbidden(_ detail: String) -> Problem {
        Problem(type: "/problems/forbidden", title: "Not allowed for this credential", status: 403, detail: detail)
    }
    static let unauthorized = Problem(
        type: "/problems/unauthorized", title: "Unknown or revoked credential", status: 401,
        detail: "send Authorization: Bearer <token> with a token this server issued")
    static func conflict(_ kind: String, _ title: String, _ detail: String) -> Problem {
        Problem(type: "/problems/" + kind, title: title, status: 409, detail: detail)
    }
    static func unprocessable(_ kind: String, _ title: String, _ detail: String) -> Problem {
        Problem(type: "/problems/" + kind, title: title, status: 422, detail: detail)
    }

    /// `text` quoted and cut to 40 printable ASCII characters: client input never reaches a log raw.
    static func quoted(_ text: String) -> String {
        let safe = text.unicodeScalars.prefix(40).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" }
        return "\"" + String(safe) + (text.unicodeScalars.count > 40 ? "…" : "") + "\""
    }
}
