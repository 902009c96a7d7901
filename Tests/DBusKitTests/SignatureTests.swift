import DBusKit
import Testing

/// Signature parsing and the protocol's type rules.
@Suite struct SignatureTests {
    @Test func parsesEveryKindOfType() throws {
        let signature = try DBusSignature("ybnqiuxtdsoghva{sv}(ia(s))aay")
        #expect(signature.types == [
            .byte, .boolean, .int16, .uint16, .int32, .uint32, .int64, .uint64, .double, .string, .objectPath,
            .signature, .unixFD, .variant, .dictionary(key: .string, value: .variant),
            .structure([.int32, .array(.structure([.string]))]), .array(.array(.byte)),
        ])
        #expect(try DBusSignature(signature.types).rawValue == signature.rawValue)
    }

    @Test(arguments: [
        ("a", "ends in the middle"),
        ("()", "empty"),
        ("(i", "not closed"),
        ("a{vs}", "basic type"),
        ("a{sss}", "exactly a key and a value"),
        ("{sv}", "not a complete type"),
        ("z", "not a complete type"),
        ("i)", "not a complete type"),
    ])
    func rejectsInvalidSignatures(text: String, problem: String) {
        #expect {
            try DBusSignature(text)
        } throws: { error in
            guard case DBusError.invalidSignature(let message) = error else { return false }
            return message.contains(problem)
        }
    }

    @Test func enforcesLengthAndNestingLimits() throws {
        #expect(throws: DBusError.self) { try DBusSignature(String(repeating: "i", count: 256)) }
        _ = try DBusSignature(String(repeating: "i", count: 255))
        _ = try DBusSignature(String(repeating: "a", count: 32) + "i")
        #expect(throws: DBusError.self) { try DBusSignature(String(repeating: "a", count: 33) + "i") }
        #expect(throws: DBusError.self) {
            try DBusSignature(String(repeating: "(", count: 33) + "i" + String(repeating: ")", count: 33))
        }
    }

    @Test func validatesProgrammaticTypes() throws {
        try DBusType.dictionary(key: .string, value: .array(.variant)).validate()
        #expect(throws: DBusError.self) { try DBusType.dictionary(key: .variant, value: .string).validate() }
        #expect(throws: DBusError.self) { try DBusType.structure([]).validate() }
        #expect(throws: DBusError.self) { try DBusSignature([.dictionary(key: .array(.byte), value: .string)]) }
    }

    @Test func singleTypeParsing() throws {
        #expect(try DBusType(parsing: "a{oa{sa{sv}}}") == .dictionary(
            key: .objectPath, value: .dictionary(key: .string, value: .dictionary(key: .string, value: .variant))))
        #expect(throws: DBusError.self) { try DBusType(parsing: "ii") }
        #expect(DBusType.uint32.readableName == "uint32 ('u')")
        #expect(DBusType.array(.int32).isFixedSize == false)
        #expect(DBusType.double.isFixedSize)
        #expect(DBusType.string.isBasic && !DBusType.variant.isBasic)
    }
}
