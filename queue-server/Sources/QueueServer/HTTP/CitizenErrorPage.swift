import Hummingbird
import KioskProtocol

/// What the citizen page (`/t/{id}`) answers when it has no ticket to show: a browser (which asks
/// for HTML) gets a page in Bahasa Indonesia then English with the same status; any other client
/// gets the problem+json the API answers everywhere else.
enum CitizenErrorPage {
    /// Whether `accept` names `text/html` itself (a wildcard does not count) with a quality above 0
    /// and at least that of any JSON type it names: browsers do; curl (`*/*`) and API clients do not.
    static func wantsHTML(accept: String?) -> Bool {
        guard let accept else { return false }
        var html = 0.0
        var json = 0.0
        for entry in accept.split(separator: ",") {
            let parts = entry.split(separator: ";").map { String($0.filter { $0 != " " && $0 != "\t" }).lowercased() }
            guard let type = parts.first else { continue }
            let quality = parts.dropFirst().lazy.compactMap { $0.hasPrefix("q=") ? Double($0.dropFirst(2)) : nil }.first ?? 1
            if type == "text/html" { html = max(html, quality) }
            if type == "application/json" || type == "application/problem+json" { json = max(json, quality) }
        }
        return html > 0 && html >= json
    }

    /// The answer to `problem` for a client whose `Accept` is `accept`.
    static func response(_ problem: Problem, accept: String?) -> Response {
        var response = wantsHTML(accept: accept) ? page(problem) : HTTPReplies.problem(problem)
        response.headers[.vary] = "Accept"
        return response
    }

    /// The texts of a status: title and advice, each in Bahasa Indonesia then English.
    private static func texts(_ status: Int) -> [(lang: String, title: String, advice: String)] {
        if status == 404 {
            return [
                ("id", "Tiket tidak ditemukan", "Periksa kembali kode QR pada tiket Anda. Jika masih tidak ditemukan, silakan hubungi petugas."),
                ("en", "Ticket not found", "Check the QR code on your ticket again. If it is still not found, please ask the staff."),
            ]
        }
        return [
            ("id", "Layanan sedang tidak tersedia", "Nomor antrean Anda tetap berlaku. Halaman ini akan dimuat ulang sendiri dalam 30 detik."),
            ("en", "Service temporarily unavailable", "Your queue number is still valid. This page reloads itself in 30 seconds."),
        ]
    }

    /// The page for `problem`'s status (404, or a server-side failure: try again), with the citizen page's policy.
    static func page(_ problem: Problem) -> Response {
        let sections = texts(problem.status).map { text in
            """
            <section lang="\(text.lang)"><h2>\(CitizenPage.escape(text.title))</h2><p>\(CitizenPage.escape(text.advice))</p></section>

            """
        }.joined()
        let refresh = problem.status >= 500 ? "<meta http-equiv=\"refresh\" content=\"30\">" : ""
        let text = """
            <!doctype html>
            <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            \(refresh)<title>\(CitizenPage.escape(texts(problem.status)[0].title))</title>
            <style>body{font-family:sans-serif;max-width:30em;margin:1em auto;padding:0 1em}section{border-bottom:1px solid #ccc;padding-bottom:1em}</style>
            </head><body>
            \(sections)</body></html>
            """
        var response = HTTPReplies.page(text)
        response.status = HTTPResponse.Status(code: problem.status)
        return response
    }
}
