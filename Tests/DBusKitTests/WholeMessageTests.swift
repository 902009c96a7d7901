@testable import DBusKit
import Testing

/// A large body written in one buffer (`WireBodyWriter`) and loaded by libdbus must be the same
/// message, byte for byte, as libdbus's iterator builds from the same values.
@Suite struct WholeMessageTests {
    /// Enough rows to put any body over the threshold where the one-buffer path is taken.
    static let filler = DBusValue.array(.string, (0..<200).map { .string("row \($0)") })

    static func row(_ number: Int) -> DBusValue {
        .dictionary(key: .string, value: .variant, [
            DBusDictionaryEntry(key: .string("Name"), value: .variant(.string("Déploiement ✓ \(number) 日本"))),
            DBusDictionaryEntry(key: .string("PackageID"), value: .variant(.string("BEN\(number)"))),
            DBusDictionaryEntry(key: .string("Size"), value: .variant(.int64(Int64(number) * -3))),
            DBusDictionaryEntry(key: .string("Enabled"), value: .variant(.boolean(number % 2 == 0))),
            DBusDictionaryEntry(key: .string("Path"), value: .variant(.objectPath(ObjectPath(unchecked: "/org/x/p\(number)")))),
        ])
    }

    /// Bodies of every shape: basic types at every alignment, empty arrays of each element
    /// alignment, nested variants and containers, multibyte UTF-8, object paths, signatures.
    static func bodies() throws -> [(String, [DBusValue])] { [
        ("rows of a{sv}", [.array(.dictionary(key: .string, value: .variant), (0..<100).map(row))]),
        ("a byte first, then rows", [.byte(7), .array(.dictionary(key: .string, value: .variant), (0..<40).map(row))]),
        ("every basic type", [
            .byte(1), .int16(-2), .boolean(true), .uint16(3), .int64(.min), .int32(-5), .double(-0.5),
            .uint32(.max), .uint64(.max), .string(""), .objectPath(.root), .signature(try DBusSignature("a{sv}")),
            .byte(255), .double(.infinity), filler,
        ]),
        ("empty arrays of each alignment", [
            .byte(0), .array(.int64, []), .byte(0), .array(.string, []), .byte(0), .bytes([]),
            .array(.structure([.byte, .int64]), []), .byte(0), .dictionary(key: .string, value: .variant, []),
            .array(.int16, []), .array(.double, []), .array(.variant, []), filler,
        ]),
        ("fixed-size arrays", [
            .byte(9), .array(.int32, (0..<300).map { .int32(Int32($0) - 150) }), .array(.boolean, [.boolean(true), .boolean(false)]),
            .array(.double, [.double(1.25), .double(-3)]), .array(.uint16, [.uint16(1), .uint16(2), .uint16(3)]),
            .array(.byte, (0..<50).map { .byte(UInt8($0)) }), .bytes((0..<700).map { UInt8(truncatingIfNeeded: $0) }),
        ]),
        ("nested variants and containers", [
            .variant(.variant(.variant(.string("deep")))),
            .array(.variant, [
                .variant(.structure([.byte(1), .int64(2), .string("ß"), .array(.int16, [.int16(-1)])])),
                .variant(.dictionary(key: .int32, value: .array(.string), [
                    DBusDictionaryEntry(key: .int32(1), value: .array(.string, [.string("a"), .string("€")])),
                    DBusDictionaryEntry(key: .int32(2), value: .array(.string, [])),
                ])),
                .variant(.array(.array(.byte), [.bytes([1, 2, 3]), .bytes([])])),
                .variant(.signature(try DBusSignature("(yv)"))),
                .variant(.variant(.uint64(42))),
                .variant(.objectPath(ObjectPath(unchecked: "/a/b_c/d1"))),
            ]),
            .structure([.byte(3), .structure([.int16(4), .structure([.double(5)])]), .variant(.bytes([9]))]),
            .array(.structure([.string, .variant]), (0..<30).map { .structure([.string("k\($0)"), .variant(.uint32(UInt32($0)))]) }),
            filler,
        ]),
        ("a long multibyte string", [.string(String(repeating: "naïve café 🚀 ", count: 200)), .array(.objectPath, [.objectPath(.root)])]),
    ] }

    @Test func sameBytesAsLibdbusIterator() throws {
        for (label, values) in try Self.bodies() {
            try compare(label, values)
        }
    }

    private func compare(_ label: String, _ values: [DBusValue]) throws {
        for value in values { try value.validate() }
        let viaIterator = try Self.emptyCall()
        try MessageWriter.append(values, to: viaIterator.pointer)

        let header = try Self.emptyCall()
        let loaded = try #require(MessageWriter.wholeMessage(header: header.pointer, values: values)?.message,
                                  "\(label): the one-buffer path was not taken")
        let viaBuffer = DBusMessage(taking: loaded)

        #expect(viaBuffer.serial == 0, "\(label): the connection must number the message")
        #expect(viaBuffer.signature == viaIterator.signature, "\(label)")
        let expected = try #require(viaIterator.wireBytes), written = try #require(viaBuffer.wireBytes)
        #expect(written == expected, "\(label): \(written.count) bytes written, libdbus's iterator wrote \(expected.count)")
        #expect(try viaBuffer.arguments() == viaIterator.arguments(), "\(label)")
        // Read back from the wire bytes as libdbus's iterator reads it.
        let types = values.map(\.type)
        if let fromBytes = WireBodyReader.read(viaIterator.pointer, types: types) {
            #expect(fromBytes == MessageReader.readThroughIterator(viaIterator.pointer, types: types), "\(label): read from the bytes")
        } else {
            #expect(values.allSatisfy { $0.type.basicCode != nil }, "\(label): a body of containers was not read from its bytes")
        }
    }

    @Test func signalsAndRepliesKeepTheirHeaderFields() throws {
        let rows = DBusValue.array(.dictionary(key: .string, value: .variant), (0..<50).map(Self.row))
        let signal = try DBusMessage.signal(path: ObjectPath("/org/x"), interface: "org.x.I", name: "Changed",
                                            arguments: [rows], destination: ":1.42")
        #expect(signal.kind == .signal)
        #expect(signal.path?.rawValue == "/org/x")
        #expect(signal.interface == "org.x.I")
        #expect(signal.member == "Changed")
        #expect(signal.destination == ":1.42")
        #expect(signal.signature == "aa{sv}")
        #expect(try signal.arguments() == [rows])
    }

    @Test func smallBodiesAndDescriptorsStayWithTheIterator() throws {
        let header = try Self.emptyCall()
        #expect(MessageWriter.wholeMessage(header: header.pointer, values: [.array(.string, [.string("a")])]) == nil)
        #expect(MessageWriter.wholeMessage(header: header.pointer, values: [.string(String(repeating: "x", count: 5_000))]) == nil)
        let descriptor = try UnixFileDescriptor(duplicating: 0)
        #expect(MessageWriter.wholeMessage(header: header.pointer, values: [Self.filler, .array(.unixFD, [.unixFD(descriptor)])]) == nil)
    }

    /// A reply measured against a limit: a large body is measured by writing it (and not loaded
    /// when over), a small one before the iterator; both give the exact size the wire has.
    @Test func aReplyOverItsLimitIsRefusedWithItsExactSize() throws {
        let rows = DBusValue.array(.dictionary(key: .string, value: .variant), (0..<50).map(Self.row))
        let exact = DBusValue.marshalledSize(of: [rows])
        guard case .tooLarge(let large) = try MessageWriter.complete(Self.emptyCall(), with: [rows], maximumBodySize: exact - 1) else {
            Issue.record("a one-buffer body over its limit was built")
            return
        }
        #expect(large == exact)
        guard case .reply(let reply) = try MessageWriter.complete(Self.emptyCall(), with: [rows], maximumBodySize: exact) else {
            Issue.record("a one-buffer body at its limit was refused")
            return
        }
        #expect(try reply.arguments() == [rows])
        let small = DBusValue.array(.string, [.string("a")])
        guard case .tooLarge(let smallSize) = try MessageWriter.complete(Self.emptyCall(), with: [small], maximumBodySize: 2) else {
            Issue.record("an iterator body over its limit was built")
            return
        }
        #expect(smallSize == DBusValue.marshalledSize(of: [small]))
    }

    @Test func invalidValuesAreRefusedAsBefore() throws {
        let rows = DBusValue.array(.string, (0..<200).map { .string($0 == 150 ? "bad\0name" : "row \($0)") })
        #expect(throws: DBusError.invalidArgs("string contains a NUL character, which D-Bus strings cannot carry")) {
            _ = try DBusMessage.methodCall(destination: "org.x.Y", path: ObjectPath("/a"), interface: "org.x.I",
                                           method: "M", arguments: [rows])
        }
    }

    static func emptyCall() throws -> DBusMessage {
        try DBusMessage.methodCall(destination: "org.x.Y", path: ObjectPath("/a/b"), interface: "org.x.I", method: "M")
    }
}
