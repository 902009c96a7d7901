/// Decodes a `Decodable` record from a result row, column by property name (the names the
/// record's `Codable` conformance uses are its table's column names).
///
/// History keeps images of step, variable and operand rows in tables of the same columns as the
/// live ones; this reads them back as the live records without a second list of their columns.
struct RevisionRowDecoder: Decoder {
    let row: SQLRow
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func decode<Record: Decodable>(_ type: Record.Type, from row: SQLRow) throws -> Record {
        try Record(from: RevisionRowDecoder(row: row))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns<Key>(row: row, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw StoreError.corrupt("a stored row decodes only as a record of columns, not as a list")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw StoreError.corrupt("a stored row decodes only as a record of columns, not as one value")
    }

    /// The row's columns by name.
    private struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: SQLRow
        let codingPath: [any CodingKey]
        var allKeys: [Key] { row.columns.names.compactMap(Key.init(stringValue:)) }

        func contains(_ key: Key) -> Bool { row.columns.index(of: key.stringValue) != nil }

        func decodeNil(forKey key: Key) throws -> Bool { row[key.stringValue] == .null }

        func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
            guard contains(key) else { throw StoreError.corrupt("no column \(key.stringValue) in the result (\(row.columns.names.joined(separator: ", ")))") }
            return try Value(from: ColumnValue(value: row[key.stringValue], column: key.stringValue, codingPath: codingPath + [key]))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw StoreError.corrupt("column \(key.stringValue) holds one value, not a record")
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw StoreError.corrupt("column \(key.stringValue) holds one value, not a list")
        }

        func superDecoder() throws -> any Decoder { RevisionRowDecoder(row: row, codingPath: codingPath) }
        func superDecoder(forKey key: Key) throws -> any Decoder { RevisionRowDecoder(row: row, codingPath: codingPath + [key]) }
    }

    /// One column's value, for the primitive types (and the raw values of enums) records hold.
    private struct ColumnValue: Decoder, SingleValueDecodingContainer {
        let value: SQLValue
        let column: String
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            throw StoreError.corrupt("column \(column) holds one value, not a record")
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw StoreError.corrupt("column \(column) holds one value, not a list")
        }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        func decodeNil() -> Bool { value == .null }

        private func converted<Value: SQLValueConvertible>(_ type: Value.Type) throws -> Value {
            guard let converted = Value.fromSQL(value) else { throw StoreError.corrupt("column \(column) holds \(value), not \(Value.self)") }
            return converted
        }

        func decode(_ type: Bool.Type) throws -> Bool { try converted(Bool.self) }
        func decode(_ type: String.Type) throws -> String { try converted(String.self) }
        func decode(_ type: Double.Type) throws -> Double { try converted(Double.self) }
        func decode(_ type: Float.Type) throws -> Float { Float(try converted(Double.self)) }
        func decode(_ type: Int.Type) throws -> Int { try converted(Int.self) }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer(Int8.self) }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer(Int16.self) }
        func decode(_ type: Int32.Type) throws -> Int32 { try converted(Int32.self) }
        func decode(_ type: Int64.Type) throws -> Int64 { try converted(Int64.self) }
        func decode(_ type: UInt.Type) throws -> UInt { try integer(UInt.self) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(UInt8.self) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(UInt16.self) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try converted(UInt32.self) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(UInt64.self) }

        private func integer<Value: FixedWidthInteger>(_ type: Value.Type) throws -> Value {
            guard let converted = Value(exactly: try converted(Int64.self)) else { throw StoreError.corrupt("column \(column) holds \(value), not \(Value.self)") }
            return converted
        }

        func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
            try Value(from: self)
        }
    }
}
