import DBusKit
import Foundation
import Testing

/// Arguments at their limits over the bus: an index outside −1…count is InvalidArgs naming the
/// range, a parent that is not there is NotFound naming it; nothing changes.
@Suite(.sharedDaemon) struct EdgesOverBusTests {
    private func expectError(_ name: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        #expect(sourceLocation: sourceLocation) { try body() } throws: { error in
            guard let error = error as? DBusError else { return false }
            return error.name == name && error.message == message
        }
    }

    @Test(arguments: [Int32(-2), .min, 1_000_000, 2])
    func anIndexOutsideMinusOneToCountIsInvalidArgsNamingTheRange(index: Int32) throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let (package, restart) = try EditingOverBusTests.packageWithRestart(client)
        let sequencePath = try ProviderClient.sequencePath(package)
        let sequence = client.proxy(sequencePath)
        let before = try client.sequenceXML(package)
        let invalidArgs = "org.freedesktop.DBus.Error.InvalidArgs"
        let range = "argument index: index \(index) is out of range: expected -1…1 (-1 appends)"
        expectError(invalidArgs, range) {
            _ = try sequence.call(Provider.sequenceInterface, "AddStep", [
                .string("SMS_TaskSequence_RebootAction"), .stringVariantDictionary(["Name": .string("x"), "Target": .string("HD")]), .int32(index),
            ])
        }
        expectError(invalidArgs, range) {
            _ = try sequence.call(Provider.sequenceInterface, "AddGroup", [.string("g"), .stringVariantDictionary([:]), .int32(index)])
        }
        expectError(invalidArgs, range) {
            _ = try client.proxy(restart).call(Provider.stepInterface, "MoveTo", [.objectPath(sequencePath), .int32(index)])
        }
        #expect(try client.sequenceXML(package) == before)
    }

    @Test func aParentThatIsNotThereIsNotFoundNamingIt() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let (package, restart) = try EditingOverBusTests.packageWithRestart(client)
        let id = String(package.lastComponent ?? "")
        expectError("org.tsprovider.Provider1.Error.NotFound", "parent group 99999 of package \(id) does not exist") {
            _ = try client.proxy(restart).call(Provider.stepInterface, "MoveTo", [.objectPath(try package.appending("Steps").appending("99999")), .int32(-1)])
        }
    }
}
