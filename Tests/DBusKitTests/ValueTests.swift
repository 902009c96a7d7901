import DBusKit
import Testing

/// Conversions between Swift values and DBusValue, and the checks run before sending.
@Suite struct ValueTests {
    struct Reference: DBusValueConvertible, Equatable {
        var package: String
        var name: String
        var version: UInt32

        static let dbusType: DBusType = .structure([.string, .string, .uint32])
        var dbusValue: DBusValue { .structure([.string(package), .string(name), .uint32(version)]) }
        init(package: String, name: String, version: UInt32) {
            (self.package, self.name, self.version) = (package, name, version)
        }
        init(dbusValue: DBusValue) throws {
            (package, name, version) = try dbusValue.fields(String.self, String.self, UInt32.self)
        }
    }

    enum Color: String, DBusValueConvertible {
        case red, green
    }

    @Test func convertsSwiftValues() throws {
        #expect("x".dbusValue == .string("x"))
        #expect(UInt32(5).dbusValue == .uint32(5))
        #expect([UInt8]([1, 2]).dbusValue == .bytes([1, 2]))
        #expect([Int32]([1, 2]).dbusValue == .array(.int32, [.int32(1), .int32(2)]))
        #expect(try [UInt8](dbusValue: .array(.byte, [.byte(3)])) == [3])
        let dictionary: [String: DBusValue] = ["b": .uint32(2), "a": .string("x")]
        #expect(dictionary.dbusValue == .dictionary(key: .string, value: .variant, [
            DBusDictionaryEntry(key: .string("a"), value: .variant(.string("x"))),
            DBusDictionaryEntry(key: .string("b"), value: .variant(.uint32(2))),
        ]))
        #expect(try [String: DBusValue](dbusValue: dictionary.dbusValue) == dictionary)
        #expect([String: DBusValue].dbusType.signature == "a{sv}")
        let reference = Reference(package: "PS100001", name: "Boot image", version: 3)
        #expect(try Reference(dbusValue: reference.dbusValue) == reference)
        #expect(try [Reference](dbusValue: [reference].dbusValue) == [reference])
        #expect(Color.red.dbusValue == .string("red"))
        #expect(try Color(dbusValue: .string("green")) == .green)
        #expect(throws: DBusError.self) { try Color(dbusValue: .string("blue")) }
    }

    @Test func decodesArgumentLists() throws {
        let values: [DBusValue] = [.string("a"), .uint32(2), .boolean(true)]
        let (text, count, flag) = try values.decode(String.self, UInt32.self, Bool.self)
        #expect(text == "a" && count == 2 && flag)
        #expect {
            try values.decode(String.self, String.self, Bool.self)
        } throws: { error in
            (error as? DBusError)?.message.contains("value 2: expected string ('s'), got uint32 ('u')") == true
        }
        #expect(throws: DBusError.self) { try values.decode(String.self) }
    }

    @Test func validationRejectsWhatLibdbusWouldAbortOn() throws {
        #expect(throws: DBusError.self) { try DBusValue.string("a\0b").validate() }
        #expect(throws: DBusError.self) { try DBusValue.array(.string, [.uint32(1)]).validate() }
        #expect(throws: DBusError.self) { try DBusValue.dictionary(key: .variant, value: .string, []).validate() }
        #expect(throws: DBusError.self) { try DBusValue.structure([]).validate() }
        #expect(throws: DBusError.self) {
            try DBusMessage.methodCall(destination: "org.x.Y", path: .root, interface: "org.x.Y", method: "M", arguments: [.string("\0")])
        }
        #expect(throws: DBusError.self) {
            try DBusMessage.methodCall(destination: "not a name", path: .root, interface: "org.x.Y", method: "M")
        }
        #expect(throws: DBusError.self) {
            try DBusMessage.methodCall(destination: "org.x.Y", path: .root, interface: "noDots", method: "M")
        }
        #expect(throws: DBusError.self) {
            try DBusMessage.signal(path: .root, interface: "org.x.Y", name: "Bad-Name")
        }
        try DBusValue.variant(.dictionary(key: .string, value: .variant, [])).validate()
    }

    @Test func typesOfValues() {
        #expect(DBusValue.bytes([]).type == .array(.byte))
        #expect(DBusValue.structure([.int32(1), .variant(.string("x"))]).type.signature == "(iv)")
        #expect(DBusValue.variant(.uint64(1)).unwrappingVariant == .uint64(1))
        #expect(DBusValue.variant(.string("s")).stringValue == "s")
    }

    @Test func namesAreCheckedWithLibdbusRules() {
        #expect(DBusNames.isValidBusName(":1.42"))
        #expect(DBusNames.isValidBusName("org.example.App1"))
        #expect(!DBusNames.isValidBusName("org"))
        #expect(!DBusNames.isValidBusName("org.exa\0mple"))
        #expect(DBusNames.isValidInterfaceName("org.example.Thing1"))
        #expect(!DBusNames.isValidInterfaceName("org.1example"))
        #expect(DBusNames.isValidMemberName("GetAll"))
        #expect(!DBusNames.isValidMemberName("Get.All"))
        #expect(DBusNames.isValidErrorName("org.example.Error.Conflict"))
    }
}
