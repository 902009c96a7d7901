import Synchronization
/// One row of a result: values by position, looked up by column name without regard to case
/// (PostgreSQL folds unquoted names to lower case; SQLite keeps them as written).
public struct SQLRow: Sendable {
    public let columns: SQLColumns
    public let values: [SQLValue]

    public init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The raw value of a column; `.null` when the result has no such column.
    public subscript(column: String) -> SQLValue {
        guard let index = columns.index(of: column) else { return .null }
        return values[index]
    }

    public subscript(index: Int) -> SQLValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// The value of `column` as `Value`; throws `StoreError.corrupt` naming the column when the
    /// result has no such column or its value is of another type.
    public func decode<Value: SQLValueConvertible>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        guard let index = columns.index(of: column) else {
            throw StoreError.corrupt("no column \(column) in the result (\(columns.names.joined(separator: ", ")))")
        }
        guard let value = Value.fromSQL(values[index]) else {
            throw StoreError.corrupt("column \(column) holds \(values[index]), not \(Value.self)")
        }
        return value
    }

    /// The value at `index` as `Value`.
    public func decode<Value: SQLValueConvertible>(at index: Int, as type: Value.Type = Value.self) throws -> Value {
        guard values.indices.contains(index), let value = Value.fromSQL(values[index]) else {
            throw StoreError.corrupt("column \(index) of the result holds \(self[index]), not \(Value.self)")
        }
        return value
    }

    /// The value of a column named by a record's `Columns` enum.
    public func decode<Column: RawRepresentable, Value: SQLValueConvertible>(_ column: Column, as type: Value.Type = Value.self) throws -> Value
    where Column.RawValue == String {
        try decode(column.rawValue, as: type)
    }
}

/// The column names of a result, shared by all its rows, with a case-insensitive index.
public final class SQLColumns: Sendable {
    public let names: [String]
    private let positions: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        // The names as the engine spelled them, then lower-cased: a name asked for as the result
        // spells it (SQLite keeps `packageID`) is found without lower-casing it on every row.
        for (index, name) in names.enumerated() where positions[name] == nil {
            positions[name] = index
        }
        for (index, name) in names.enumerated() where positions[name.lowercased()] == nil {
            positions[name.lowercased()] = index
        }
        self.positions = positions
    }

    /// The columns of statement `sql`, made once and kept: a package row has some eighty, and
    /// indexing their names (lower-cased too) on every read cost more than reading the row.
    /// Bounded, since WQL writes statements without end: the cache starts over when full.
    static func cached(for sql: String, names: () -> [String]) -> SQLColumns {
        if let columns = cache.withLock({ $0[sql] }) { return columns }
        let columns = SQLColumns(names())
        cache.withLock { cache in
            if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[sql] = columns
        }
        return columns
    }

    private static let cacheLimit = 512
    private static let cache = Mutex<[String: SQLColumns]>([:])

    public func index(of column: String) -> Int? {
        if let index = positions[column] { return index }
        return positions[column.lowercased()]
    }
}
