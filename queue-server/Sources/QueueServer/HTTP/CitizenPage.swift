import KioskCore
import KioskProtocol

/// The page the QR on a ticket opens: number, position and estimated wait, in Indonesian and
/// English, reloading itself every 30 seconds; a served ticket's page offers the survey
/// (``SurveyPage``) instead and does not reload. All text comes from the kiosk's translation table.
enum CitizenPage {
    static func render(_ ticket: QueueTicket, catalogue: Catalogue) -> String {
        let service = catalogue.service(ServiceID(ticket.serviceId))
        var sections = ""
        for language in [Language.indonesian, .english] {
            let code = language == .indonesian ? "id" : "en"
            let status: String =
                switch ticket.state {
                case .waiting:
                    Translations.text(.pagePeopleAhead, language, ["count": String(ticket.peopleAhead ?? 0)]) + "<br>"
                        + (ticket.estimatedWaitMinutes.map { Translations.text(.pageWaitMinutes, language, ["minutes": String($0)]) }
                            ?? Translations.text(.pageWaitUnknown, language))
                case .called, .serving:
                    Translations.text(.pageCalled, language, ["counter": escape(ticket.counterId ?? "")])
                case .done, .noShow: Translations.text(.pageFinished, language)
                case .voided: Translations.text(.pageVoided, language)
                }
            sections += """
                <section lang="\(code)"><h2>\(escape(Translations.text(.yourNumber, language)))</h2>
                <p class="number">\(escape(ticket.number))</p><p>\(escape(service.map { $0.name(language) } ?? ticket.serviceId))</p>
                <p>\(status)</p></section>

                """
        }
        let served = ticket.state == .done
        if served { sections += SurveyPage.form(ticket.ticketId) }
        return """
            <!doctype html>
            <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            \(served ? "" : "<meta http-equiv=\"refresh\" content=\"30\">")<title>\(escape(ticket.number))</title>
            <style>body{font-family:sans-serif;max-width:30em;margin:1em auto;padding:0 1em}.number{font-size:3em;font-weight:bold;margin:.2em 0}section{border-bottom:1px solid #ccc;padding-bottom:1em}</style>
            </head><body>
            \(sections)</body></html>
            """
    }

    /// HTML-escapes text (catalogue names and ids are data, not markup).
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
