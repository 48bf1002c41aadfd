import KioskCore
import Testing

@Suite("Queue server configuration")
struct ConfigServerTests {
    typealias F = ConfigFixtures

    /// The fixture kiosk configuration with `server` added as its last key.
    private func kiosk(server: String) -> String {
        var lines = F.kioskLines
        lines[lines.count - 2] += ","
        lines.insert(#"  "server": "# + server, at: lines.count - 1)
        return lines.joined(separator: "\n")
    }

    @Test func defaultsAndPaths() throws {
        let config = try ConfigParser.kioskConfig(
            text: kiosk(server: #"{"url": "https://queue.mpp.local/", "tokenFile": "queue-token"}"#), path: F.kioskPath)
        #expect(config.server == ServerConfig(url: "https://queue.mpp.local", tokenFile: "/etc/kioskd/queue-token"))
        #expect(config.server?.deadlineMilliseconds == 1500)
        let full = try ConfigParser.kioskConfig(
            text: kiosk(server: #"""
                {"url": "http://127.0.0.1:8080", "tokenFile": "/etc/t", "caFile": "ca.pem", "deadlineMilliseconds": 800,
                 "leaseSize": 20, "leaseLowWater": 5, "heartbeatSeconds": 10, "syncBatchSize": 50}
                """#), path: F.kioskPath)
        #expect(full.server == ServerConfig(
            url: "http://127.0.0.1:8080", tokenFile: "/etc/t", caFile: "/etc/kioskd/ca.pem", deadlineMilliseconds: 800,
            leaseSize: 20, leaseLowWater: 5, heartbeatSeconds: 10, syncBatchSize: 50))
        #expect(full.server?.publicURL == "http://127.0.0.1:8080", "the citizen page defaults to the server's address")
        let published = try ConfigParser.kioskConfig(
            text: kiosk(server: #"{"url": "https://queue.mpp.local", "publicURL": "https://antrean.mpp-badung.go.id/", "tokenFile": "/t"}"#),
            path: F.kioskPath)
        #expect(published.server?.publicURL == "https://antrean.mpp-badung.go.id")
        // Every trailing slash goes: the ticket's QR is `{publicURL}/t/{id}`, never `…//t/{id}`.
        let slashes = try ConfigParser.kioskConfig(
            text: kiosk(server: #"{"url": "https://queue.mpp.local//", "publicURL": "https://antrean.mpp-badung.go.id//", "tokenFile": "/t"}"#),
            path: F.kioskPath)
        #expect(slashes.server?.publicURL == "https://antrean.mpp-badung.go.id")
        #expect(slashes.server?.url == "https://queue.mpp.local")
        let plainPublic = try F.kioskError(
            kiosk(server: #"{"url": "https://queue.mpp.local", "publicURL": "http://antrean.example", "tokenFile": "/t"}"#))
        #expect(plainPublic.jsonPath == "$.server.publicURL")
        let standalone = try ConfigParser.kioskConfig(text: F.kioskLines.joined(separator: "\n"), path: F.kioskPath)
        #expect(standalone.server == nil)
    }

    @Test func badValuesAreExplained() throws {
        let plain = try F.kioskError(kiosk(server: #"{"url": "http://queue.mpp.local", "tokenFile": "/t"}"#))
        #expect(plain.jsonPath == "$.server.url")
        #expect(plain.problem.contains("unencrypted"))
        let scheme = try F.kioskError(kiosk(server: #"{"url": "ftp://x", "tokenFile": "/t"}"#))
        #expect(scheme.jsonPath == "$.server.url")
        let noHost = try F.kioskError(kiosk(server: #"{"url": "https:///v1", "tokenFile": "/t"}"#))
        #expect(noHost.problem.contains("no host"))
        let missing = try F.kioskError(kiosk(server: #"{"url": "https://q"}"#))
        #expect(missing.problem.contains("tokenFile"))
        let deadline = try F.kioskError(kiosk(server: #"{"url": "https://q", "tokenFile": "/t", "deadlineMilliseconds": 50}"#))
        #expect(deadline.jsonPath == "$.server.deadlineMilliseconds")
        let water = try F.kioskError(kiosk(server: #"{"url": "https://q", "tokenFile": "/t", "leaseSize": 10, "leaseLowWater": 10}"#))
        #expect(water.jsonPath == "$.server.leaseLowWater")
        #expect(water.fix.contains("leaseSize"))
        let batch = try F.kioskError(kiosk(server: #"{"url": "https://q", "tokenFile": "/t", "syncBatchSize": 500}"#))
        #expect(batch.jsonPath == "$.server.syncBatchSize")
        let unknown = try F.kioskError(kiosk(server: #"{"url": "https://q", "tokenFile": "/t", "deadline": 1}"#))
        #expect(unknown.jsonPath == "$.server.deadline")
    }
}
