import CCrypto
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
    /// this process's, it has not expired and it was not signed out.
    func tokenHash(cookieHeader: String?, now: Int64) -> String? {
        guard let value = Self.value(cookieHeader) else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 64, let expires = Int64(parts[1]), now < expires else { return nil }
        let signature = String(parts[2])
        guard Self.same(mac(String(parts[0]) + "." + String(parts[1])), signature) else { return nil }
        guard signedOut.withLock({ $0[signature] == nil }) else { return nil }
        return String(parts[0])
    }

    /// Ends the session in `cookieHeader`, if valid: its cookie is refused from now on.
    func end(cookieHeader: String?, now: Int64) {
        guard tokenHash(cookieHeader: cookieHeader, now: now) != nil, let parts = Self.value(cookieHeader)?.split(separator: "."),
            let expires = Int64(parts[1])
        else { return }
        signedOut.withLock { ended in
            ended = ended.filter { $0.value > now }
            ended[String(parts[2])] = expires
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

    /// The session cookie's value in a `Cookie` header (`a=1; queue_staff_session=…`).
    private static func value(_ header: String?) -> String? {
        guard let header, header.utf8.count <= 4096 else { return nil }
        for pair in header.split(separator: ";") {
            let trimmed = pair.drop { $0 == " " }
            if trimmed.hasPrefix(cookieName + "=") { return String(trimmed.dropFirst(cookieName.utf8.count + 1)) }
        }
        return nil
    }

    /// HMAC-SHA256 of `text` under the process's key (libcrypto's `HMAC`), as hex.
    private func mac(_ text: String) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let message = Array(text.utf8)
        key.withUnsafeBufferPointer { key in
            message.withUnsafeBufferPointer { message in
                _ = HMAC(EVP_sha256(), key.baseAddress, Int32(key.count), message.baseAddress, message.count, &digest, &length)
            }
        }
        return SHA256Hex.hex(Array(digest.prefix(Int(length))))
    }

    /// Compares two MACs in time that does not depend on where they differ.
    private static func same(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count, !a.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
