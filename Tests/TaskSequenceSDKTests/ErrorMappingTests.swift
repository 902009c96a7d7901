import DBusKit
import TaskSequenceSDK
import Testing

/// D-Bus error replies become the right ``ProviderError`` case, with the structured parts the
/// provider's messages carry parsed out.
@Suite struct ErrorMappingTests {
    static let domain = DBusErrorDomain("org.tsprovider.Provider1.Error")

    @Test func standardNamesMapToTheirCases() {
        #expect(ProviderError(.accessDenied("no")) == .accessDenied("no"))
        #expect(ProviderError(.unknownObject("no object at /x")) == .unknownObject("no object at /x"))
        #expect(ProviderError(.invalidArgs("bad")) == .invalidArguments("bad"))
        #expect(ProviderError(.unknownProperty("p")) == .unknownProperty("p"))
        #expect(ProviderError(.propertyReadOnly("p")) == .readOnly("p"))
        #expect(ProviderError(.unknownMethod("m")) == .notSupported("m"))
        #expect(ProviderError(.unknownInterface("i")) == .notSupported("i"))
        #expect(ProviderError(.limitsExceeded("big")) == .limitsExceeded("big"))
        for error in [DBusError.serviceUnknown("s"), .disconnected("s"), .noReply("s"), .noServer("s"), .nameHasNoOwner("s")] {
            #expect(ProviderError(error) == .serviceUnavailable("s"))
        }
        #expect(ProviderError(.failed("store")) == .other(name: "org.freedesktop.DBus.Error.Failed", message: "store"))
    }

    @Test func theProvidersOwnNamesCarryTheirParts() {
        let conflict = ProviderError(Self.domain.error("Conflict", "the package changed since it was read: expected SourceVersion 3, it is 5; read it again and retry"))
        #expect(conflict == .conflict(expected: 3, actual: 5))
        #expect(conflict.message.contains("expected SourceVersion 3, it is 5"))

        let xml = ProviderError(Self.domain.error("InvalidXml", "7:10: Opening and ending tag mismatch: group line 3 and step"))
        #expect(xml == .invalidXML(line: 7, column: 10, message: "Opening and ending tag mismatch: group line 3 and step"))
        #expect(xml.message == "line 7, column 10: Opening and ending tag mismatch: group line 3 and step")
        #expect(ProviderError(Self.domain.error("InvalidXml", "not located")) == .invalidXML(line: 0, column: 0, message: "not located"))

        let validation = ProviderError(Self.domain.error("ValidationFailed", "Name: must be 1 to 100 characters, got 0"))
        #expect(validation == .validationFailed(property: "Name", rule: "must be 1 to 100 characters, got 0"))
        #expect(ProviderError(Self.domain.error("ValidationFailed", "a rule without a property")) == .validationFailed(property: "", rule: "a rule without a property"))

        #expect(ProviderError(Self.domain.error("NotFound", "SMS_TaskSequencePackage.PackageID=\"X\" does not exist")) == .notFound("SMS_TaskSequencePackage.PackageID=\"X\" does not exist"))
        #expect(ProviderError(Self.domain.error("StorageFull", "full")) == .storageFull("full"))
        #expect(ProviderError(Self.domain.error("StorageReadOnly", "read-only")) == .storageReadOnly("read-only"))
        #expect(ProviderError(Self.domain.error("StorageFailed", "I/O")) == .storageFailed("I/O"))
        for storage in [ProviderError.storageFull("x"), .storageReadOnly("x"), .storageFailed("x")] {
            #expect(ProviderError(Self.domain.error(String(storage.dbusName?.split(separator: ".").last ?? ""), "x")) == storage)
        }
        #expect(ProviderError(Self.domain.error("InvalidQuery", "at 7 near 'FROM': expected a property")) == .invalidQuery("at 7 near 'FROM': expected a property"))
        #expect(ProviderError(Self.domain.error("Brandnew", "later")) == .other(name: "org.tsprovider.Provider1.Error.Brandnew", message: "later"))
    }

    @Test func everyCaseNamesItsDBusErrorExactly() {
        let cases: [(ProviderError, String?)] = [
            (.accessDenied(""), "org.freedesktop.DBus.Error.AccessDenied"),
            (.notFound(""), "org.tsprovider.Provider1.Error.NotFound"),
            (.conflict(expected: 1, actual: 2), "org.tsprovider.Provider1.Error.Conflict"),
            (.invalidXML(line: 1, column: 1, message: ""), "org.tsprovider.Provider1.Error.InvalidXml"),
            (.invalidQuery(""), "org.tsprovider.Provider1.Error.InvalidQuery"),
            (.validationFailed(property: "", rule: ""), "org.tsprovider.Provider1.Error.ValidationFailed"),
            (.invalidArguments(""), "org.freedesktop.DBus.Error.InvalidArgs"),
            (.storageFull(""), "org.tsprovider.Provider1.Error.StorageFull"),
            (.storageReadOnly(""), "org.tsprovider.Provider1.Error.StorageReadOnly"),
            (.storageFailed(""), "org.tsprovider.Provider1.Error.StorageFailed"),
            (.file(path: "/x", reason: "gone"), nil),
        ]
        for (error, name) in cases { #expect(error.dbusName == name) }
        #expect(ProviderError.file(path: "/x", reason: "gone").description == "/x: gone")
    }
}
