/// The kiosk-marked fallback number, `PREFIX-MARK-NNNN`, that a kiosk prints when no leased number is
/// left (see ``Lease/fallbackMark``): the service prefix, the mark the queue server assigned the kiosk,
/// and a count of four or more digits. The kiosk numbers with the mark it was given; the server
/// assigns the marks and checks the numbers synced to it.
public enum FallbackMark {
    /// The mark the queue server gives kiosk `kioskID` when no other kiosk has it: its last `-` segment,
    /// at most 10 characters, uppercased. The kiosk itself never numbers with it.
    public static func derived(kioskID: String) -> String {
        String((kioskID.split(separator: "-").last.map(String.init) ?? kioskID).uppercased().suffix(10))
    }

    /// Whether `number` is `prefix-mark-NNNN` as a kiosk prints it (24 characters at most): a count from 1,
    /// zero-padded to four digits and never longer with a leading zero, so each count has one spelling
    /// (`0003`, never `00003`: two papers for one count would both be accepted).
    public static func isFallbackNumber(_ number: String, prefix: String, mark: String) -> Bool {
        let head = prefix + "-" + mark + "-"
        guard number.hasPrefix(head), number.utf8.count <= 24 else { return false }
        let digits = number.utf8.dropFirst(head.utf8.count)
        guard digits.count >= 4, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        let leadingZeros = digits.prefix { $0 == 0x30 }.count
        return leadingZeros < digits.count && (digits.count == 4 || leadingZeros == 0)
    }
}
