import CSQLite
import Glibc
import KioskSQLite
import Testing

/// The one door to SQLite: statements run through ``SQLiteDatabase/execute(_:)`` (one kept prepared, several run as a
/// script) and SQLite's process-wide settings.
@Suite("SQLite database")
struct SQLiteDatabaseTests {
    private static func temporaryPath() -> String {
        var template = Array("/tmp/sqlite-database-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) } + "/test.sqlite"
    }

    @Test("a transaction's BEGIN and COMMIT run again and again through execute, as does a statement that returns a row")
    func oneStatementRunsAgain() throws {
        let database = try SQLiteDatabase(path: Self.temporaryPath())
        try database.execute("PRAGMA journal_mode = WAL")
        try database.execute("CREATE TABLE numbers (n INTEGER NOT NULL)")
        for n in 1...3 {
            try database.execute("BEGIN IMMEDIATE")
            try database.query("INSERT INTO numbers (n) VALUES (?)", [.integer(Int64(n))])
            try database.execute("COMMIT")
        }
        try database.execute("BEGIN IMMEDIATE")
        try database.query("INSERT INTO numbers (n) VALUES (4)")
        try database.execute("ROLLBACK")
        #expect(try database.query("SELECT sum(n) FROM numbers") == [[.integer(6)]])
    }

    @Test("several statements in one text all run, with whitespace or a comment after them")
    func aScriptRunsWhole() throws {
        let database = try SQLiteDatabase(path: Self.temporaryPath())
        try database.execute("CREATE TABLE a (n INTEGER);\n  INSERT INTO a VALUES (1);  INSERT INTO a VALUES (2);\n\t")
        try database.execute("INSERT INTO a VALUES (3); -- and a comment")
        #expect(try database.query("SELECT count(*), sum(n) FROM a") == [[.integer(3), .integer(6)]])
    }

    @Test("a failing statement names itself and SQLite's message, and fails the same way the second time")
    func aFailureIsClear() throws {
        let database = try SQLiteDatabase(path: Self.temporaryPath())
        try database.execute("CREATE TABLE a (n INTEGER PRIMARY KEY)")
        try database.execute("INSERT INTO a VALUES (1)")
        for _ in 0..<2 {
            let error = try #require(throws: DatabaseError.self) { try database.execute("INSERT INTO a VALUES (1)") }
            #expect(error.description.contains("INSERT INTO a VALUES (1)"))
            #expect(error.description.contains("UNIQUE constraint failed"))
        }
        #expect(throws: DatabaseError.self) { try database.execute("COMMIT") }
        #expect(throws: DatabaseError.self) { try database.execute("SELECT nothing FROM nowhere; SELECT 1") }
    }

    @Test("SQLite keeps no allocation statistics (they take a process-wide mutex at every allocation)")
    func noAllocationStatistics() throws {
        let database = try SQLiteDatabase(path: Self.temporaryPath())
        try database.execute("CREATE TABLE a (t TEXT)")
        try database.query("INSERT INTO a VALUES (?)", [.text(String(repeating: "x", count: 100_000))])
        #expect(try database.query("SELECT length(t) FROM a") == [[.integer(100_000)]])
        #expect(sqlite3_memory_used() == 0)
    }
}
