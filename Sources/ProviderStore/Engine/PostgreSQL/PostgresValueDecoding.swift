import CLibPQ

/// Result values (text format) as `SQLValue`, by the column's type OID.
enum PostgresValueDecoding {
    private enum TypeOID {
        static let bool: Oid = 16
        static let bytea: Oid = 17
        static let int8: Oid = 20
        static let int2: Oid = 21
        static let int4: Oid = 23
        static let oid: Oid = 26
        static let float4: Oid = 700
        static let float8: Oid = 701
        static let numeric: Oid = 1700
    }

    static func value(of result: OpaquePointer, row: Int32, column: Int32, type: Oid) throws -> SQLValue {
        if PQgetisnull(result, row, column) != 0 { return .null }
        guard let start = PQgetvalue(result, row, column) else { return .null }
        let length = Int(PQgetlength(result, row, column))
        let bytes = UnsafeRawBufferPointer(start: start, count: length)
        if PQfformat(result, column) == 1 {
            // Binary results are only requested for bytea.
            return .blob(Array(bytes))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        switch type {
        case TypeOID.int2, TypeOID.int4, TypeOID.int8, TypeOID.oid:
            guard let number = Int64(text) else { throw corrupt(text, column: column, of: result, as: "an integer") }
            return .integer(number)
        case TypeOID.bool:
            return .integer(text == "t" ? 1 : 0)
        case TypeOID.float4, TypeOID.float8:
            guard let number = Double(text) else { throw corrupt(text, column: column, of: result, as: "a real") }
            return .real(number)
        case TypeOID.numeric:
            // SUM over bigint is numeric: whole values stay integers, as SQLite returns them.
            if let number = Int64(text) { return .integer(number) }
            guard let number = Double(text) else { throw corrupt(text, column: column, of: result, as: "a number") }
            return .real(number)
        case TypeOID.bytea:
            guard let decoded = hexBytes(text) else { throw corrupt(text, column: column, of: result, as: "bytea") }
            return .blob(decoded)
        default:
            // text, varchar, citext (its OID varies by database), name, char, json …
            return .text(text)
        }
    }

    /// bytea's text output: `\x` and two hex digits a byte.
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count >= 2, digits[0] == UInt8(ascii: "\\"), digits[1] == UInt8(ascii: "x"), digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((digits.count - 2) / 2)
        var index = 2
        while index < digits.count {
            guard let high = hexDigit(digits[index]), let low = hexDigit(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func corrupt(_ text: String, column: Int32, of result: OpaquePointer, as kind: String) -> StoreError {
        .corrupt("column \(String(cString: PQfname(result, column))) holds '\(text)', not \(kind)")
    }
}
