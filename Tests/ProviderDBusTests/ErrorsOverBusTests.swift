import DBusKit
import Foundation
import TaskSequenceXML
import Testing
import TestSupport

/// Failed calls get the error names docs/dbus-api.md promises, with messages that say what was wrong,
/// and change nothing.
@Suite(.sharedDaemon) struct ErrorsOverBusTests {
    /// Calls `body` and returns the D-Bus error it failed with (recording an issue if it did not).
    static func error(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> DBusError? {
        do {
            try body()
            Issue.record("the call succeeded", sourceLocation: sourceLocation)
            return nil
        } catch let error as DBusError {
            return error
        } catch {
            Issue.record("not a D-Bus error: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test func aWrongSignatureIsInvalidArgsNamingTheExpectedOne() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let packages = client.proxy(try ObjectPath(Provider.packageClassPath))
        let missing = Self.error { _ = try packages.call(Provider.packageClassInterface, "Import", [.string(SmallSequence.restart)]) }
        #expect(missing?.name == "org.freedesktop.DBus.Error.InvalidArgs")
        #expect(missing?.message.contains("expects signature 'sa{sv}'") == true, "\(String(describing: missing))")
        let swapped = Self.error {
            _ = try packages.call(Provider.packageClassInterface, "Import", [.stringVariantDictionary([:]), .string(SmallSequence.restart)])
        }
        #expect(swapped?.name == "org.freedesktop.DBus.Error.InvalidArgs", "\(String(describing: swapped))")
        let badOption = Self.error {
            _ = try packages.call(Provider.packageClassInterface, "Import", [.string(SmallSequence.restart), .stringVariantDictionary(["Colour": .string("red")])])
        }
        #expect(badOption?.name == "org.freedesktop.DBus.Error.InvalidArgs")
        #expect(badOption?.message.contains("colour") == true, "\(String(describing: badOption))")
    }

    @Test func anUnknownPathIsUnknownObject() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let package = try client.importPackage(SmallSequence.restart)
        for path in [
            Provider.packageClassPath + "/PS1FFFFF",
            package.rawValue + "/Steps/999999",
            package.rawValue + "/Steps/999999/Condition",
            package.rawValue + "/Steps/notanumber",
            Provider.rootPath + "/SMS_NoSuchClass/x/y",
        ] {
            let error = Self.error { _ = try client.proxy(path).call(Provider.packageInterface, "GetSequence") }
            #expect(error?.name == "org.freedesktop.DBus.Error.UnknownObject", "\(path): \(String(describing: error))")
        }
        let property = Self.error { _ = try client.property("Name", of: Provider.stepInterface, at: ObjectPath(package.rawValue + "/Steps/424242")) }
        #expect(property?.name == "org.freedesktop.DBus.Error.UnknownObject", "\(String(describing: property))")
    }

    @Test func aStaleSetSequenceIsAConflictAndChangesNothing() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let package = try client.importPackage(SmallSequence.restart)
        let proxy = client.proxy(package)
        #expect(try client.sourceVersion(package) == 1)

        let renamed = SmallSequence.restart.replacingOccurrences(of: #"name="Restart""#, with: #"name="Restart first""#)
        let saved = try proxy.call(Provider.packageInterface, "SetSequence", [.string(renamed), .uint32(1)]).decode(UInt32.self)
        #expect(saved == 2)
        let current = try client.sequenceXML(package)

        // A second writer still holding version 1 loses.
        let other = SmallSequence.restart.replacingOccurrences(of: #"name="Restart""#, with: #"name="Someone else's""#)
        let conflict = Self.error { _ = try proxy.call(Provider.packageInterface, "SetSequence", [.string(other), .uint32(1)]) }
        #expect(conflict?.name == Provider.conflictError)
        #expect(conflict?.message.contains("expected SourceVersion 1, it is 2") == true, "\(String(describing: conflict))")
        #expect(try client.sequenceXML(package) == current)
        #expect(try client.sourceVersion(package) == 2)
        #expect(try client.sequence(package).steps.map(\.name) == ["Restart first"])

        // 0 skips the check.
        #expect(try proxy.call(Provider.packageInterface, "SetSequence", [.string(other), .uint32(0)]).decode(UInt32.self) == 3)
        #expect(try client.sequence(package).steps.map(\.name) == ["Someone else's"])
    }

    static let malformed = """
        <sequence version="3.10">
          <group name="A">
            <step name="x"></stepp>
          </group>
        </sequence>
        """

    @Test func malformedXMLIsInvalidXmlNamingLineAndColumn() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let imported = Self.error { _ = try client.importPackage(Self.malformed, name: "never imported") }
        #expect(imported?.name == Provider.invalidXMLError)
        #expect(imported?.message.hasPrefix("3:28: ") == true && imported?.message.contains("stepp") == true, "\(String(describing: imported))")

        let package = try client.importPackage(SmallSequence.restart)
        let before = try client.sequenceXML(package)
        let set = Self.error { _ = try client.proxy(package).call(Provider.packageInterface, "SetSequence", [.string(Self.malformed), .uint32(0)]) }
        #expect(set?.name == Provider.invalidXMLError)
        #expect(set?.message.hasPrefix("3:28: ") == true, "\(String(describing: set))")
        #expect(try client.sequenceXML(package) == before)
        #expect(try client.sourceVersion(package) == 1)

        let names = try client.packagePaths().map { try client.string("Name", of: Provider.packageInterface, at: $0) }
        #expect(!names.contains("never imported"))
    }

    @Test func aValidationFailureNamesThePropertyAndChangesNothing() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let package = try client.importPackage(SmallSequence.restart)
        let step = try #require(try client.paths("Steps", of: Provider.sequenceInterface, at: ProviderClient.sequencePath(package)).first)
        let error = Self.error { try client.set("SupportedEnvironment", of: Provider.actionInterface, at: step, to: .string("Mars")) }
        #expect(error?.name == "org.tsprovider.Provider1.Error.ValidationFailed", "\(String(describing: error))")
        #expect(error?.message.contains("SupportedEnvironment") == true, "\(String(describing: error))")
        #expect(try client.sourceVersion(package) == 1)
    }

    /// A user without rights may call, but finds no package and may create none: an
    /// unreadable package answers exactly as a missing one, and creating names the Create right.
    @Test func aUserWithoutRightsSeesNothingAndChangesNothing() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let package = try client.importPackage(SmallSequence.restart, name: "not for others")
        let address = "--address=\(daemon.bus.address)"

        let version = try ExternalTools.runAsTestUser(ExternalTools.busctl, [address, "get-property", Provider.busName, Provider.rootPath, Provider.rootInterface, "Version"])
        #expect(version.succeeded, "\(version)")
        for arguments in [
            ["get-property", Provider.busName, package.rawValue, Provider.packageInterface, "Name"],
            ["call", Provider.busName, package.rawValue, Provider.packageInterface, "GetSequence"],
        ] {
            let run = try ExternalTools.runAsTestUser(ExternalTools.busctl, [address] + arguments)
            #expect(!run.succeeded, "\(arguments): \(run)")
            #expect(run.standardError.contains("No object at") || run.standardError.lowercased().contains("no object at"), "\(arguments): \(run)")
        }
        let create = try ExternalTools.runAsTestUser(ExternalTools.busctl, [
            address, "call", Provider.busName, Provider.packageClassPath, Provider.packageClassInterface, "Import", "sa{sv}", SmallSequence.restart, "0",
        ])
        // busctl prints strerror for the standard AccessDenied; python below reads the message.
        #expect(!create.succeeded && create.standardError.contains("Access denied"), "\(create)")

        let script = """
            import sys, dbus
            bus = dbus.bus.BusConnection(sys.argv[1])
            root = bus.get_object('org.tsprovider.Provider1', '/org/tsprovider/Provider1')
            packages = bus.get_object('org.tsprovider.Provider1', '/org/tsprovider/Provider1/SMS_TaskSequencePackage')
            print('introspect', 'node name=' in packages.Introspect(dbus_interface='org.freedesktop.DBus.Introspectable'))
            print('managed', sorted(str(p) for p in root.GetManagedObjects(dbus_interface='org.freedesktop.DBus.ObjectManager') if '/SMS_TaskSequencePackage/' in str(p)))
            root.Subscribe(dbus_interface='org.tsprovider.Provider1')
            try:
                packages.Import(sys.argv[3], {}, dbus_interface='org.tsprovider.Provider1.TaskSequencePackageClass')
                print('import allowed')
            except dbus.DBusException as error:
                print('import', error.get_dbus_name(), 'Create right' in error.get_dbus_message())
            try:
                bus.get_object('org.tsprovider.Provider1', sys.argv[2]).Delete(dbus_interface='org.tsprovider.Provider1.SMS_TaskSequencePackage')
                print('delete allowed')
            except dbus.DBusException as error:
                print('delete', error.get_dbus_name())
            """
        let run = try ExternalTools.runAsTestUser(ExternalTools.python, ["-c", script, daemon.bus.address, package.rawValue, SmallSequence.restart])
        #expect(run.outputLines == [
            "introspect False", "managed []", "import org.freedesktop.DBus.Error.AccessDenied True", "delete org.freedesktop.DBus.Error.UnknownObject",
        ], "\(run)")
        // The package is still there.
        #expect(try client.string("Name", of: Provider.packageInterface, at: package) == "not for others")
    }
}
