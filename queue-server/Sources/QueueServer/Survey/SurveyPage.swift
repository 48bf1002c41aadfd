import FoundationEssentials
import Hummingbird
import KioskProtocol

/// The survey on the citizen page of a served ticket: a plain HTML form (no script; the page's
/// Content-Security-Policy allows a form to post to the server itself only), and the page its
/// answer gets, thanks or a kind refusal, in Bahasa Indonesia first and English second.
enum SurveyPage {
    /// The suggestion's form field.
    static let suggestionField = "saran"

    /// The form for ticket `id`, every question with its four answers.
    static func form(_ id: String) -> String {
        let escape = CitizenPage.escape
        var fields = ""
        for element in SurveyElement.allCases {
            var choices = ""
            for (index, label) in element.answers.enumerated() {
                choices += """
                    <label><input type="radio" name="u\(element.rawValue)" value="\(index + 1)" required> \(escape(label.indonesian)) \
                    <small>/ \(escape(label.english))</small></label><br>
                    """
            }
            fields += """
                <fieldset><legend>\(element.rawValue). \(escape(element.question.indonesian))<br><small>\(escape(element.question.english))</small></legend>
                \(choices)</fieldset>

                """
        }
        return """
            <section lang="id"><h2>Nilai layanan kami <small>/ Rate our service</small></h2>
            <p>Survei Kepuasan Masyarakat: tanpa nama, NIK atau nomor telepon. <small>Citizen satisfaction survey: no name, ID number or phone number.</small></p>
            <form method="post" action="/t/\(escape(id))/survey">
            \(fields)<label>Saran (boleh dikosongkan) <small>/ Suggestion (optional)</small><br>
            <textarea name="\(suggestionField)" maxlength="\(SurveyRules.maxSuggestion)" rows="4" cols="30"></textarea></label>
            <p><button type="submit">Kirim <small>/ Send</small></button></p></form></section>

            """
    }

    /// Handles the form's post for ticket `id`: parses the answers, lets `store` keep them, and answers a page.
    static func submit(
        _ request: Request, id: String?, store: (String, SurveySubmission) async throws -> Void
    ) async -> Response {
        do {
            guard let id else { throw Problems.notFound("no ticket") }
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: HTTPReplies.maxBody) } catch { throw HTTPReplies.tooLarge }
            let submission = try SurveyRules.validate(try parse(String(decoding: buffer.readableBytesView, as: UTF8.self)))
            try await store(id, submission)
            return reply(.ok, "Terima kasih atas penilaian Anda.", "Thank you for your rating.")
        } catch let problem as Problem {
            let (indonesian, english) = message(problem)
            return reply(HTTPResponse.Status(code: problem.status), indonesian, english)
        } catch {
            return reply(.internalServerError, "Maaf, survei tidak dapat disimpan sekarang. Silakan coba lagi.",
                "Sorry, the survey cannot be saved now. Please try again.")
        }
    }

    /// The answers of a `application/x-www-form-urlencoded` body: `u1`…`u9` and the suggestion; a
    /// missing or repeated field is an invalid answer.
    static func parse(_ body: String) throws(Problem) -> SurveySubmission {
        let fields = try FormBody.fields(body, named: Set(SurveyElement.allCases.map { "u\($0.rawValue)" } + [suggestionField]))
        var answers: [Int] = []
        for element in SurveyElement.allCases {
            guard let answer = fields["u\(element.rawValue)"].flatMap({ Int($0) }) else { throw Problems.invalid("every question needs an answer") }
            answers.append(answer)
        }
        let suggestion = fields[suggestionField].flatMap { $0.isEmpty ? nil : $0 }
        return SurveySubmission(answers: answers, suggestion: suggestion)
    }

    /// What the citizen reads for a refusal.
    private static func message(_ problem: Problem) -> (String, String) {
        switch problem.type {
        case "/problems/survey-already-answered":
            ("Survei untuk tiket ini sudah diisi. Terima kasih!", "The survey for this ticket has already been answered. Thank you!")
        case "/problems/survey-not-served": ("Survei dapat diisi setelah Anda selesai dilayani.", "The survey can be answered once you have been served.")
        case "/problems/survey-window-closed":
            ("Waktu pengisian survei untuk tiket ini sudah lewat.", "The time to answer the survey for this ticket has passed.")
        case "/problems/not-found": ("Tiket tidak ditemukan.", "Ticket not found.")
        case "/problems/too-large": ("Isian terlalu panjang.", "The form is too long.")
        case "/problems/invalid-request":
            ("Mohon jawab kesembilan pertanyaan; saran paling banyak \(SurveyRules.maxSuggestion) huruf.",
             "Please answer all nine questions; a suggestion has at most \(SurveyRules.maxSuggestion) characters.")
        default: ("Maaf, survei tidak dapat disimpan sekarang. Silakan coba lagi.", "Sorry, the survey cannot be saved now. Please try again.")
        }
    }

    private static func reply(_ status: HTTPResponse.Status, _ indonesian: String, _ english: String) -> Response {
        var response = HTTPReplies.page(
            """
            <!doctype html>
            <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Survei</title><style>body{font-family:sans-serif;max-width:30em;margin:1em auto;padding:0 1em}</style></head><body>
            <p>\(CitizenPage.escape(indonesian))</p><p lang="en">\(CitizenPage.escape(english))</p></body></html>
            """)
        response.status = status
        return response
    }
}
