@testable import QueueServer
import Testing

/// `--store postgres://…`: a port written in the URL is taken or refused, never silently replaced by 5432.
@Suite("PostgreSQL store location")
struct PostgresLocationTests {
    @Test(arguments: ["postgres://u@h:99999999999999999999/db", "postgres://u@h:0/db", "postgres://u@h:65536/db",
                      "postgres://u@h:54x/db", "postgres://u@[::1]:99999/db", "postgres://u@h/db?port=abc"])
    func aPortOutOfRangeIsRefused(url: String) {
        let error = #expect(throws: StorageFailure.self) { try PostgresLocation.configuration(url) }
        let said = error?.description ?? ""
        #expect(said.contains("the port is 1…65535") || said.hasPrefix("not a postgres:// URL"), "\(said)")
    }

    @Test(arguments: [("postgres://u@h:6543/db", 6543), ("postgres://u:p@h/db", 5432), ("postgres://u@[::1]:6000/db", 6000)])
    func aGoodPortIsKept(url: String, port: Int) throws {
        let configuration = try PostgresLocation.configuration(url)
        #expect(configuration.port == port)
    }
}
