/// Reading a scanned ticket QR for the survey, and the suggestion's keyboard and limits.
public enum SurveyCode {
    /// The ticket id in a scanned ticket QR, read strictly: `http://` or `https://`, a host (and
    /// optional port and path) of URL-safe characters only, then `/t/` and the ticket's 36-character
    /// id, with no query, fragment, space or anything after it. Anything else is not a ticket.
    public static func ticketID(in bytes: [UInt8]) -> TicketID? {
        guard ScanClassifier.validate(bytes) == nil else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        let rest: Substring
        if text.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if text.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return nil
        }
        guard rest.utf8.count >= 40 else { return nil }
        let id = rest.suffix(36), head = rest.dropLast(36)
        guard head.hasSuffix("/t/"), let host = head.dropLast(3).split(separator: "/", omittingEmptySubsequences: false).first,
            !host.isEmpty, head.utf8.allSatisfy(isURLSafe)
        else { return nil }
        return TicketID(String(id))
    }

    /// Letters, digits and `-._~:/` (no `?`, `#`, `%`, `@` or space: none belongs in a citizen-page link).
    private static func isURLSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "/"): true
        default: false
        }
    }
}

/// The optional suggestion (saran) typed at the kiosk.
public enum SurveySuggestion {
    /// The longest suggestion the kiosk takes, in characters (the server takes up to 500).
    public static let maxLength = 160
    /// The on-screen keyboard's keys, row by row (space and erase are keys of their own).
    public static let rows: [[Character]] = [
        Array("1234567890"), Array("QWERTYUIOP"), Array("ASDFGHJKL"), Array("ZXCVBNM.,?"),
    ]
    /// Every key that types a character, space included.
    public static let keys: Set<Character> = Set(rows.joined()).union([" "])

    /// `text` with `key` typed, when the key exists and the text is not full.
    public static func typing(_ key: Character, into text: String) -> String {
        guard keys.contains(key), text.count < maxLength else { return text }
        // No leading space and no two spaces in a row.
        if key == " " && (text.isEmpty || text.hasSuffix(" ")) { return text }
        return text + String(key)
    }

    /// What is sent: trailing spaces removed and any run of 8 or more digits (with any keys but
    /// letters between them: a phone number or NIK typed in) replaced by `***`, as the server does; nil when empty.
    public static func sanitised(_ text: String) -> String? {
        var out = "", run = ""
        var digits = 0
        func endRun() {
            // The separators after the number's last digit are not part of it ("0812 3456 7890 OK").
            out += digits >= 8 ? "***" + String(run.reversed().prefix { !$0.isNumber }.reversed()) : run
            run = ""
            digits = 0
        }
        for character in text {
            if character.isASCII && character.isNumber || (digits > 0 && !character.isLetter) {
                run.append(character)
                if character.isNumber { digits += 1 }
                continue
            }
            endRun()
            out.append(character)
        }
        endRun()
        let words = out.split(separator: " ")
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
