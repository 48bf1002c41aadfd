/// Reads the optional `server` object of a kiosk configuration; see kiosk-config/README.md.
enum ServerConfigReader {
    static func read(_ node: ConfigNode) throws(ConfigError) -> ServerConfig {
        let object = try node.object().allowingOnly([
            "url", "publicURL", "tokenFile", "caFile", "deadlineMilliseconds", "leaseSize", "leaseLowWater", "heartbeatSeconds",
            "syncBatchSize",
        ])
        let leaseSize = try object.optional("leaseSize")?.integer(in: 1...500) ?? 50
        let lowWaterNode = object.optional("leaseLowWater")
        let lowWater = try lowWaterNode?.integer(in: 0...499) ?? min(10, leaseSize - 1)
        if let lowWaterNode, lowWater >= leaseSize {
            throw lowWaterNode.error(
                "the low-water mark \(lowWater) is not below the lease size \(leaseSize)",
                fix: "Renew before a lease runs out: use a number smaller than \"leaseSize\", e.g. a fifth of it.")
        }
        return ServerConfig(
            url: try url(object.required("url", example: "\"https://queue.mpp-badung.local\"")),
            publicURL: try object.optional("publicURL").map(url),
            tokenFile: try object.required("tokenFile", example: "\"/etc/kioskd/queue-token\"").path("token file"),
            caFile: try object.optional("caFile")?.path("certificate authority file"),
            deadlineMilliseconds: try object.optional("deadlineMilliseconds")?.integer(in: 200...10_000) ?? 1500,
            leaseSize: leaseSize,
            leaseLowWater: lowWater,
            heartbeatSeconds: try object.optional("heartbeatSeconds")?.integer(in: 5...3600) ?? 30,
            syncBatchSize: try object.optional("syncBatchSize")?.integer(in: 1...200) ?? 100)
    }

    /// `https://host[:port][/path]`, or `http://` to a loopback host only.
    private static func url(_ node: ConfigNode) throws(ConfigError) -> String {
        let text = try node.string()
        let fix = "Write the server's base URL, e.g. \"https://queue.mpp-badung.local\"."
        let rest: Substring
        if text.hasPrefix("https://") {
            rest = text.dropFirst("https://".count)
        } else if text.hasPrefix("http://") {
            rest = text.dropFirst("http://".count)
            let host = rest.split(separator: "/", maxSplits: 1).first.map { $0.split(separator: ":").first ?? "" } ?? ""
            guard host == "127.0.0.1" || host == "localhost" || host == "[::1]" else {
                throw node.error(
                    "plain http to \"\(host)\" would send the kiosk's token unencrypted",
                    fix: "Use https:// (plain http:// is allowed only to 127.0.0.1 or localhost, for tests).")
            }
        } else {
            throw node.error("\"\(text)\" is not an http(s) URL", fix: fix)
        }
        guard let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first, !host.isEmpty,
            !rest.contains(where: { $0 == " " || $0 == "?" || $0 == "#" })
        else {
            throw node.error("\"\(text)\" has no host, or has spaces, a query or a fragment", fix: fix)
        }
        // No trailing slash, however many: paths such as `/t/{id}` are appended to it.
        return String(text.reversed().drop { $0 == "/" }.reversed())
    }
}
