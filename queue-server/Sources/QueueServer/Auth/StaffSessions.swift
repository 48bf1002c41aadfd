import Synchronization

/// Staff sessions for the HTML report pages, which a browser opens without a bearer token: staff sign
/// in with a form (``StaffSignInRoutes``) and get this cookie, which only those pages accept.
///
/// The cookie is `TOKENHASH.EXPIRES.MAC`: the credential's SHA-256 (never the token), the moment it
/// expires (milliseconds, ``lifetimeMs`` after the sign-in) and an HMAC-SHA256 of both under a key drawn
/// from the CSPRNG when the process starts. Nothing is stored, and a restart (or another server process)
/// does not know the key: staff sign in again. Every use reads the credential again, so a revoked token's
/// sessions end with it. Signing out keeps the cookie's MAC refused until it would have expired.
final class StaffSessions: Sendable {
    static let cookieName = "queue_staff_session"
    /// A working day.
    static let lifetimeMs: Int64 = 10 * 3_600_000

    private let key = TokenMaker.randomBytes(32)
    /// MACs of signed-out sessions, with when each expires.
    private let signedOut = Mutex<[String: Int64]>([:])

    /// A new session's cookie value for the credential `tokenHash`.
    func start(tokenHash: String, now: Int64) -> String {
        let signed = tokenHash + "." + String(now &+ Self.lifetimeMs)
        return signed + "." + mac(signed)
    }

    /// The credential hash of the session in `cookieHeader` (a `Cookie` request header), when its MAC is
    /// this process's, it has not expired and it was not signed out. A header may carry several session
    /// cookies (one planted by another host of the domain may come first): the one that validates is taken,
    /// and none when sessions of two credentials validate (ambiguous).
    func tokenHash(cookieHeader: String?, now: Int64) -> String? {
        let hashes = Set(valid(cookieHeader, now: now).map { $0.tokenHash })
        return hashes.count == 1 ? hashes.first : nil
    }

    /// Ends the sessions in `cookieHeader` that validate: their cookies are refused from now on.
    func end(cookieHeader: String?, now: Int64) {
        let sessions = valid(cookieHeader, now: now)
        guard !sessions.isEmpty else { return }
        signedOut.withLock { ended in
            ended = ended.filter { $0.value > now }
            for session in sessions { ended[session.signature] = session.expires }
        }
    }

    /// The sessions in `cookieHeader` whose MAC is this process's, not expired nor signed out.
    private func valid(_ cookieHeader: String?, now: Int64) -> [(tokenHash: String, expires: Int64, signature: String)] {
        Self.values(cookieHeader).compactMap { value in
            let parts = value.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].utf8.count == 64, let expires = Int64(parts[1]), now < expires else { return nil }
            let signature = String(parts[2])
            guard Self.same(mac(String(parts[0]) + "." + String(parts[1])), signature) else { return nil }
            guard signedOut.withLock({ $0[signature] == nil }) else { return nil }
            return (String(parts[0]), expires, signature)
        }
    }

    /// The `Set-Cookie` value that stores session `value` in the browser: HttpOnly, SameSite=Strict,
    /// for the session's life, and Secure when the browser reached the server over TLS.
    static func setCookie(_ value: String, secure: Bool) -> String {
        "\(cookieName)=\(value); Path=/; Max-Age=\(lifetimeMs / 1000); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the session cookie.
    static func clearCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The session cookies' values in a `Cookie` header (`a=1; queue_staff_session=…`), at most 8.
    private static func values(_ header: String?) -> [String] {
        guard let header, header.utf8.count <= 4096 else { return [] }
        let values = header.split(separator: ";").compactMap { pair -> String? in
            let trimmed = pair.drop { $0 == " " }
            return trimmed.hasPrefix(cookieName + "=") ? String(trimmed.dropFirst(cookieName.utf8.count + 1)) : nil
        }
        return Array(values.prefix(8))
    }

    /// HMAC-SHA256 of `text` under the process's key, as hex.
    private func mac(_ text: String) -> String { HMACSHA256.hex(key: key, Array(text.utf8)) }

    /// Compares two MACs in time that does not depend on where they differ.
    private static func same(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count, !a.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
