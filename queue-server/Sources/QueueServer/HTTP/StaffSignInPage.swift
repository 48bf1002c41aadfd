import Hummingbird

/// The staff sign-in page (``StaffSignInRoutes``): a plain form (no script) that posts the staff token,
/// in Bahasa Indonesia then English, with the citizen page's content security policy.
enum StaffSignInPage {
    /// A message above the form: why the last attempt was refused, or that the browser signed out.
    enum Notice {
        case unknownToken, kioskToken, otherSite, malformed, signedOut

        var texts: (indonesian: String, english: String) {
            switch self {
            case .unknownToken: ("Token tidak dikenal atau sudah dicabut.", "Unknown or revoked token.")
            case .kioskToken: ("Token kios tidak dapat membuka laporan; gunakan token petugas.", "A kiosk token cannot open the reports; use a staff token.")
            case .otherSite: ("Permintaan dari situs lain ditolak.", "A request from another site is refused.")
            case .malformed: ("Formulir tidak lengkap. Silakan coba lagi.", "The form is incomplete. Please try again.")
            case .signedOut: ("Anda telah keluar.", "You have signed out.")
            }
        }
    }

    /// The form, posting to ``StaffSignInRoutes/signIn`` and then opening `next`; `signedIn` adds a sign-out button.
    static func render(next: String, notice: Notice?, signedIn: Bool) -> String {
        let escape = CitizenPage.escape
        let message = notice.map { "<p role=\"status\"><strong>\(escape($0.texts.indonesian))</strong><br><small lang=\"en\">\(escape($0.texts.english))</small></p>\n" } ?? ""
        let signOut = signedIn ? """
            <form method="post" action="\(StaffSignInRoutes.signOut)"><p><button type="submit">Keluar <small>/ Sign out</small></button></p></form>

            """ : ""
        return """
            <!doctype html>
            <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Masuk petugas / Staff sign-in</title>
            <style>body{font-family:sans-serif;max-width:30em;margin:1em auto;padding:0 1em}input{width:100%;font-size:1em}</style>
            </head><body>
            <h1>Masuk petugas <small lang="en">/ Staff sign-in</small></h1>
            <p>Laporan survei kepuasan masyarakat untuk petugas. <small lang="en">The citizen satisfaction survey's reports, for staff.</small></p>
            \(message)<form method="post" action="\(StaffSignInRoutes.signIn)">
            <input type="hidden" name="next" value="\(escape(next))">
            <p><label>Token petugas <small lang="en">/ Staff token</small><br>
            <input type="password" name="token" autocomplete="current-password" required maxlength="200"></label></p>
            <p><button type="submit">Masuk <small>/ Sign in</small></button></p></form>
            \(signOut)</body></html>
            """
    }

    /// The page as a response with `status`.
    static func response(_ status: HTTPResponse.Status, next: String, notice: Notice?, signedIn: Bool = false) -> Response {
        var response = HTTPReplies.page(render(next: next, notice: notice, signedIn: signedIn))
        response.status = status
        return response
    }
}
