import CLibPQ

/// Statement arguments as libpq takes them: integers as `int8`, reals as `float8`, blobs as
/// `bytea` in binary format; text and NULL as `unknown` (OID 0), so PostgreSQL gives them the
/// type of what they meet — a `citext` column then compares without regard to case.
struct PostgresParameters {
    enum TypeOID {
        static let unknown: Oid = 0
        static let int8: Oid = 20
        static let float8: Oid = 701
        static let bytea: Oid = 17
    }

    let types: [Oid]
    /// Each parameter's bytes (NUL-terminated text, or raw bytes for binary), nil for NULL.
    private let payloads: [[UInt8]?]
    private let formats: [Int32]

    init(_ arguments: SQLArguments) {
        var types: [Oid] = []
        var payloads: [[UInt8]?] = []
        var formats: [Int32] = []
        for value in arguments.values {
            switch value {
            case .null:
                types.append(TypeOID.unknown); payloads.append(nil); formats.append(0)
            case .integer(let number):
                types.append(TypeOID.int8); payloads.append(Array(String(number).utf8) + [0]); formats.append(0)
            case .real(let number):
                types.append(TypeOID.float8); payloads.append(Array(Self.text(of: number).utf8) + [0]); formats.append(0)
            case .text(let text):
                types.append(TypeOID.unknown); payloads.append(Array(text.utf8) + [0]); formats.append(0)
            case .blob(let bytes):
                types.append(TypeOID.bytea); payloads.append(bytes); formats.append(1)
            }
        }
        self.types = types
        self.payloads = payloads
        self.formats = formats
    }

    /// PostgreSQL's spelling of the special values; Swift's `description` round-trips the rest.
    private static func text(of number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return number.description
    }

    /// Calls `body` with the C arrays PQexecPrepared takes, valid only during the call.
    func withCParameters<R>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        let buffers: [UnsafeMutablePointer<CChar>?] = payloads.map { payload in
            guard let payload else { return nil }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(payload.count, 1))
            payload.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { bytes in
                    if let base = bytes.baseAddress { buffer.update(from: base, count: payload.count) }
                }
            }
            return buffer
        }
        defer { buffers.forEach { $0?.deallocate() } }
        let pointers: [UnsafePointer<CChar>?] = buffers.map { $0.map { UnsafePointer($0) } }
        let lengths: [Int32] = payloads.map { Int32($0?.count ?? 0) }
        return pointers.withUnsafeBufferPointer { values in
            lengths.withUnsafeBufferPointer { lengths in
                formats.withUnsafeBufferPointer { formats in
                    body(values.baseAddress, lengths.baseAddress, formats.baseAddress)
                }
            }
        }
    }
}
