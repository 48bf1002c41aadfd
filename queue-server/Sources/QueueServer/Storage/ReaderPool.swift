import Foundation
import KioskSQLite

/// A few read-only connections to the database, so reads never queue behind the single writer.
///
/// In WAL mode a reader sees the last committed state and neither waits for the writer nor
/// blocks it. A read borrows a free connection (waiting only while all are busy with other reads).
final class ReaderPool: @unchecked Sendable {
    private var free: [SQLiteDatabase]
    private let condition = NSCondition()

    init(path: String, size: Int) throws {
        free = try (0..<size).map { _ in try SQLiteDatabase(path: path, readOnly: true) }
    }

    /// Runs `work` on a borrowed connection.
    func read<T>(_ work: (SQLiteDatabase) throws -> T) throws -> T {
        condition.lock()
        while free.isEmpty { condition.wait() }
        let database = free.removeLast()
        condition.unlock()
        defer {
            condition.lock()
            free.append(database)
            condition.signal()
            condition.unlock()
        }
        return try work(database)
    }
}
