import Foundation
import KioskSQLite
@testable import QueueServer
import Testing

/// Session 29's F1, read as the reviewer read it: the bytes of the SQLite files. The surveys table is kept
/// in hash order, but a leaf page's cells lie where they were written (SQLite fills a page from its end
/// towards its header), and the write-ahead log holds the page once per commit, one answer longer each
/// time. After the hour's answers are filed again, the cells lie in hash order and the log is empty.
@Suite("Survey answers on disk: the order they came in is not kept")
struct SurveyDiskOrderTests {
    static let hour = SurveySchema.hour(TestServer.mondayMorning)

    /// Where each of `hashes` lies in `page`, read from the end (the first written lies last): their order; nil
    /// when one is not in the page.
    static func writtenOrder(_ hashes: [String], in page: Data) -> [String]? {
        let offsets = hashes.compactMap { hash in page.range(of: Data(hash.utf8))?.lowerBound }
        guard offsets.count == hashes.count else { return nil }
        return zip(hashes, offsets).sorted { $0.1 > $1.1 }.map(\.0)
    }

    /// The surveys table's root page in the main file of the SQLite database at `path` (its only leaf, for a few rows).
    static func surveysPage(_ path: String) throws -> Data? {
        let reader = try SQLiteDatabase(path: path, readOnly: true)
        guard let size = try reader.query("PRAGMA page_size").first?.int(0),
            let root = try reader.query("SELECT rootpage FROM sqlite_schema WHERE name = 'surveys'").first?.int(0),
            let file = FileManager.default.contents(atPath: path), file.count >= root * size
        else { return nil }
        return file.subdata(in: (root - 1) * size..<root * size)
    }

    static func logSize(_ path: String) -> Int? {
        try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
    }

    static func occurrences(of text: String, in data: Data) -> Int {
        var count = 0, start = data.startIndex
        while let found = data.range(of: Data(text.utf8), in: start..<data.endIndex) {
            count += 1
            start = found.upperBound
        }
        return count
    }

    @Test func anEndedHoursAnswersLieInHashOrderAndTheLogIsEmptied() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("survey-disk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/queue.db"
        let store = try SQLiteQueueStore(
            path: path, catalogue: nil, alwaysOpen: true, priorityEvery: 3, surveyKey: { SurveyKey(bytes: Array(repeating: 7, count: 32)) })
        // Twelve answers of one hour, in an order that is neither the hashes' nor its reverse.
        let arrival = [7, 2, 11, 0, 5, 9, 1, 10, 3, 8, 4, 6].map { String(format: "%02x", $0 * 19 % 256) + String(repeating: "ab", count: 31) }
        for hash in arrival {
            let survey = StoredSurvey(
                ticketID: "", ticketHash: hash, site: "default", serviceID: "ktp-el", day: TestServer.mondayDay, answeredHour: Self.hour,
                channel: .kiosk, submission: SurveySubmission(answers: SurveyTests.all4, suggestion: nil))
            try await store.writer.perform { try SQLiteQueueStore.insert(survey, into: $0) }
        }
        // The log: the surveys' page once per commit.
        let log = try #require(FileManager.default.contents(atPath: path + "-wal"))
        #expect(Self.occurrences(of: arrival[0], in: log) > arrival.count)
        _ = try SQLiteDatabase(path: path).query("PRAGMA wal_checkpoint(TRUNCATE)")
        // What the reviewer read: the cells' places give the order the answers came in.
        let before = try #require(try Self.surveysPage(path))
        #expect(Self.writtenOrder(arrival, in: before) == arrival)

        try await store.refileSurveys(hours: Self.hour..<(Self.hour + SurveySchema.hourMs))
        let after = try #require(try Self.surveysPage(path))
        #expect(Self.writtenOrder(arrival, in: after) == arrival.sorted())
        #expect(Self.logSize(path) == 0)
        // No old copy is left in a free block: each hash once in the table and once in its index.
        let file = try #require(FileManager.default.contents(atPath: path))
        #expect(arrival.allSatisfy { Self.occurrences(of: $0, in: file) == 2 }, "\(arrival.map { Self.occurrences(of: $0, in: file) })")
        store.writer.stop()
    }

    /// The server files the ended hours again when it starts (and at each hour's end): answers given in five
    /// transactions then carry one PostgreSQL transaction id (`xmin`); SQLite's lie in hash order, its log emptied.
    @Test(arguments: StoreKind.allCases) func aServerFilesTheEndedHoursAgain(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let tickets = try (0..<5).map { _ in try SurveyTests.served(server) }
        for ticket in tickets { #expect(try SurveyTests.submit(server, ticket, SurveyTests.all4).status == 201) }
        let key = try SurveyKey.load(path: SurveyPrivacyTests.keyPath(server))
        let hashes = tickets.map { key.hash(ticketID: $0) }
        let tallies = SurveyRows.tallyQuery + " GROUP BY 1, 2"
        let before = try SurveyPrivacyTests.rows(server, tallies)
        let refiled = { () throws -> Bool in
            switch store {
            case .sqlite:
                try Self.surveysPage(server.database).flatMap { Self.writtenOrder(hashes, in: $0) } == hashes.sorted() && Self.logSize(server.database) == 0
            case .postgres: try SurveyPrivacyTests.rows(server, "SELECT count(DISTINCT xmin::text) FROM surveys") == [["1"]]
            }
        }
        #expect(try !refiled())
        server.stop()
        let later = try TestServer(store: store, sharing: server, clockStart: TestServer.mondayMorning + SurveySchema.hourMs)
        var done = false
        for _ in 0..<100 where !done {
            done = try refiled()
            if !done { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(done)
        #expect(try SurveyPrivacyTests.rows(later, tallies) == before)
        later.stop()
    }
}
