/// Whether a printer's `host` is written as an IP address, which connects without asking DNS.
///
/// kioskd takes only addresses for a network printer: a host name is looked up with
/// `getaddrinfo`, which no deadline bounds, so a DNS server that stalls would hold the citizen
/// (and the status polls) for up to 30 s at every touch, and a server outside the building makes
/// the printer depend on the district's network. A printer keeps a fixed address (its own setting
/// or a DHCP reservation), printed on its self-test page.
public enum IPAddressLiteral {
    /// True for a dotted IPv4 address (`192.168.1.50`) or an IPv6 address (`fe80::1`, `::1`,
    /// `::ffff:192.0.2.1`, with an optional `%interface` zone), as `getaddrinfo` with
    /// `AI_NUMERICHOST` reads them.
    public static func isValid(_ text: String) -> Bool {
        isIPv4(Substring(text)) || isIPv6(Substring(text))
    }

    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
                    && Int(part).map { $0 <= 255 } == true
            }
    }

    static func isIPv6(_ text: Substring) -> Bool {
        var address = text
        if let percent = address.firstIndex(of: "%") {
            let zone = address[address.index(after: percent)...]
            guard !zone.isEmpty, zone.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
                return false
            }
            address = address[..<percent]
        }
        let halves = address.split(separator: "::", omittingEmptySubsequences: false)
        guard halves.count <= 2, address.contains(":") else { return false }
        var groups = 0
        for (index, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (position, part) in parts.enumerated() {
                let isLast = index == halves.count - 1 && position == parts.count - 1
                if isLast, isIPv4(part) {
                    groups += 2
                } else if (1...4).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isHexDigit }) {
                    groups += 1
                } else {
                    return false
                }
            }
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }
}
