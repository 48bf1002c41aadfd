/// A kiosk database's schema version (`PRAGMA user_version`) and the steps that bring an older file
/// forward, in place and in one transaction.
///
/// Version 0 is every file written before versions existed (and a new, empty file): its first step
/// must accept each of those layouts. A file newer than this binary is refused before anything is
/// written to it, so installing an older kioskd over a newer one never damages the data.
public struct SchemaVersion: Sendable {
    /// What the file is, for messages ("ticket ledger").
    public let name: String
    /// `steps[n]` brings version n to n + 1.
    public let steps: [@Sendable (SQLiteDatabase) throws -> Void]

    /// `steps[n]` brings version n to n + 1; `name` is what the file is, for messages.
    public init(name: String, steps: [@Sendable (SQLiteDatabase) throws -> Void]) {
        self.name = name
        self.steps = steps
    }

    /// The version this binary writes.
    public var current: Int { steps.count }

    /// Refuses a file newer than ``current``; touches nothing.
    public func refuseNewer(_ database: SQLiteDatabase) throws {
        let found = try Self.version(of: database)
        guard found <= current else {
            throw SchemaTooNew(path: database.path, name: name, found: found, known: current)
        }
    }

    /// Runs the steps from the file's version to ``current`` and records it, in one transaction
    /// (another connection opening the same file at the same moment waits, then finds it current).
    public func migrate(_ database: SQLiteDatabase) throws {
        try refuseNewer(database)
        try database.execute("BEGIN IMMEDIATE")
        do {
            let found = try Self.version(of: database)
            guard found <= current else { throw SchemaTooNew(path: database.path, name: name, found: found, known: current) }
            for step in steps[found...] { try step(database) }
            if found != current { try database.execute("PRAGMA user_version = \(current)") }
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// The file's `user_version` (0 for a file written before versions existed).
    public static func version(of database: SQLiteDatabase) throws -> Int {
        if case .integer(let version) = try database.query("PRAGMA user_version").first?.first { return Int(version) }
        return 0
    }
}

/// A database written by a newer kioskd than this one: refused and left as it is.
public struct SchemaTooNew: Error, CustomStringConvertible {
    public var path: String
    public var name: String
    public var found: Int
    public var known: Int
    public var description: String {
        "\(name) \(path) has schema version \(found), newer than this kioskd knows (\(known)): it was written by a newer "
            + "kioskd and is left untouched. Install that kioskd version (or a newer one) again; do not delete the file, it holds issued tickets"
    }
}
