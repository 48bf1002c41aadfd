import KioskSQLite

/// Typed reads of result columns; a wrong type is a storage failure, not a crash.
extension Array where Element == SQLValue {
    func int(_ index: Int) throws -> Int {
        guard case .integer(let value) = self[index] else { throw StorageFailure("column \(index) is not an integer") }
        return Int(value)
    }
    func int64(_ index: Int) throws -> Int64 {
        guard case .integer(let value) = self[index] else { throw StorageFailure("column \(index) is not an integer") }
        return value
    }
    func text(_ index: Int) throws -> String {
        guard case .text(let value) = self[index] else { throw StorageFailure("column \(index) is not text") }
        return value
    }
    func optionalInt(_ index: Int) throws -> Int? {
        if case .null = self[index] { return nil }
        return try int(index)
    }
    func optionalText(_ index: Int) throws -> String? {
        if case .null = self[index] { return nil }
        return try text(index)
    }
}

extension SQLValue {
    static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    static func optional(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    static func optional(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
    static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}
