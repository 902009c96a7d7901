import DBusKit
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Every D-Bus type goes client → test service → client through a real bus and comes back equal.
@Suite struct RoundTripTests {
    @Test func basicTypesRoundTrip() async throws {
        try await withService { service async throws in
            let values: [DBusValue] = [
                .byte(200), .boolean(true), .int16(-12345), .uint16(54321), .int32(-2_000_000_000),
                .uint32(4_000_000_000), .int64(Int64.min), .uint64(UInt64.max), .double(-1.5e300),
                .string("héllo wörld ✓"), .objectPath(try ObjectPath("/a/b_c/D9")), .signature(try DBusSignature("a{sv}(iu)")),
            ]
            let echoed = try await service.testObject.call(TestService.interfaceName, "EchoBasics", values)
            #expect(echoed == values)
        }
    }

    /// Unicode noncharacters are valid in Swift strings; libdbus (whose failed checks abort)
    /// must accept them too.
    static let noncharacters = String(
        decoding: [0xEF, 0xBF, 0xBE, 0xEF, 0xBF, 0xBF, 0xEF, 0xB7, 0x90, 0xF4, 0x8F, 0xBF, 0xBF, 0x01], as: UTF8.self)

    @Test func everyTypeRoundTripsInsideAVariant() async throws {
        try await withService { service async throws in
            let samples: [DBusValue] = [
                .byte(0), .boolean(false), .int16(Int16.min), .uint16(UInt16.max), .int32(Int32.max), .uint32(0),
                .int64(-1), .uint64(1 << 63), .double(.pi), .string(""), .string("ünïcødé 🚀"), .objectPath(.root),
                .signature(.empty), .string(Self.noncharacters), .bytes([]), .bytes([0, 1, 255]), .array(.string, []), .array(.string, [.string("a"), .string("b")]),
                .array(.int32, [.int32(-1), .int32(2)]), .array(.boolean, [.boolean(true), .boolean(false)]),
                .array(.double, [.double(0.5)]), .array(.array(.byte), [.bytes([1]), .bytes([])]),
                .dictionary(key: .string, value: .variant, []),
                .dictionary(key: .uint32, value: .string, [DBusDictionaryEntry(key: .uint32(1), value: .string("one"))]),
                .dictionary(key: .objectPath, value: .array(.string), [DBusDictionaryEntry(key: .objectPath(.root), value: .array(.string, []))]),
                .structure([.string("x"), .structure([.int32(1), .variant(.boolean(true))])]),
                .variant(.variant(.string("deep"))),
                .array(.structure([.string, .uint32]), [.structure([.string("a"), .uint32(1)])]),
            ]
            for sample in samples {
                let echoed = try await service.testObject.call(TestService.interfaceName, "EchoVariant", [.variant(sample)])
                #expect(echoed == [.variant(sample)], "round trip of \(sample.type.signature)")
            }
        }
    }

    @Test func containersRoundTripWithTypedConversions() async throws {
        try await withService { service async throws in
            let object = service.testObject
            // `ay` and fixed-size arrays take the one-block fast path both ways.
            let bytes = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            #expect(try await object.call(TestService.interfaceName, "EchoBytes", [bytes.dbusValue]).decode([UInt8].self) == bytes)

            let arrays: [DBusValue] = [
                [Int32](-500...500).dbusValue, [Int16]([-3, 0, 3]).dbusValue, [Double]([1.5, -2.25]).dbusValue,
                [Bool]([true, false, true]).dbusValue, [UInt64]([UInt64.max, 0]).dbusValue,
                ["a", "", "ç"].dbusValue, [try ObjectPath("/x"), .root].dbusValue,
            ]
            #expect(try await object.call(TestService.interfaceName, "EchoArrays", arrays) == arrays)
            let emptyArrays = TestService.arrayTypes.map { type -> DBusValue in
                guard case .array(let element) = type else { return .bytes([]) }
                return .array(element, [])
            }
            #expect(try await object.call(TestService.interfaceName, "EchoArrays", emptyArrays) == emptyArrays)

            let dictionary: [String: DBusValue] = ["count": .uint32(3), "name": .string("n"), "nested": .array(.int32, [.int32(1)])]
            let echoedDictionary = try await object.call(TestService.interfaceName, "EchoDict", [dictionary.dbusValue])
            #expect(try echoedDictionary.decode([String: DBusValue].self) == dictionary)

            let record = DBusValue.structure([
                .string("r"),
                .dictionary(key: .string, value: .int32, [DBusDictionaryEntry(key: .string("k"), value: .int32(-7))]),
                .structure([.int32(9), .boolean(true)]),
            ])
            #expect(try await object.call(TestService.interfaceName, "EchoStruct", [record]) == [record])

            let rows = DBusValue.array(.dictionary(key: .string, value: .variant), [
                .dictionary(key: .string, value: .variant, [DBusDictionaryEntry(key: .string("a"), value: .variant(.int64(1)))]),
                .dictionary(key: .string, value: .variant, []),
            ])
            #expect(try await object.call(TestService.interfaceName, "EchoNested", [rows]) == [rows])
        }
    }

    @Test func unixFileDescriptorsTravel() async throws {
        try await withService { service async throws in
            let directory = try TemporaryDirectory()
            let path = directory.path + "/payload"
            try writeTextFile(path, "payload through a descriptor")
            let descriptor = open(path, O_RDONLY)
            #expect(descriptor >= 0)
            let file = UnixFileDescriptor(takingOwnershipOf: descriptor)
            let object = service.testObject
            let text = try await object.call(TestService.interfaceName, "ReadFD", [.unixFD(file)]).decode(String.self)
            #expect(text == "payload through a descriptor")

            // The descriptor coming back is a new one referring to the same file.
            let echoed = try await object.call(TestService.interfaceName, "EchoFD", [.unixFD(file)]).decode(UnixFileDescriptor.self)
            #expect(echoed.rawValue != file.rawValue)
            var buffer = [UInt8](repeating: 0, count: 7)
            let count = pread(echoed.rawValue, &buffer, 7, 0)
            #expect(count == 7 && String(decoding: buffer, as: UTF8.self) == "payload")
        }
    }
}
