import Foundation

/// JSON text columns hold model values the schema does not break into columns
/// (attribute lists, verbatim markup). Sorted keys keep the text stable across writes.
enum JSONColumn {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encode<Value: Encodable>(_ value: Value) throws -> String {
        try encodeWithEncoder(value)
    }

    /// Through Foundation's encoder; the fast overloads for hot types write the same text.
    static func encodeWithEncoder<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("cannot decode \(Value.self) from stored JSON: \(error)")
        }
    }
}
