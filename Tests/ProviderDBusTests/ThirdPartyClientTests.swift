import DBusKit
import Foundation
import TaskSequenceXML
import Testing
import TestSupport

/// The daemon as other D-Bus implementations see it: sd-bus (`busctl`), GDBus (`gdbus`) and
/// python-dbus.
@Suite(.sharedDaemon) struct ThirdPartyClientTests {
    /// A README step and three groups, each group with a WMI condition.
    static let chassisQueries = "microsoft__configmgr-hub-firstparty__objects__TaskSequence__How_to_use_Chassis_Type_Queries.xml"

    /// Imports the chassis sequence under `name`: the package and its top-level steps.
    static func importChassis(_ daemon: ProviderDaemon, name: String) throws -> (package: ObjectPath, steps: [ObjectPath]) {
        let client = ProviderClient(daemon.client)
        let package = try client.importPackage(String(decoding: try Fixtures.data(chassisQueries), as: UTF8.self), name: name)
        return (package, try client.paths("Steps", of: Provider.sequenceInterface, at: ProviderClient.sequencePath(package)))
    }

    @Test func busctlTreeShowsPackagesSequencesStepsAndConditions() throws {
        let daemon = try SharedDaemon.current()
        let (package, steps) = try Self.importChassis(daemon, name: "busctl tree")
        #expect(steps.count == 4)
        let tree = try ExternalTools.busctl(daemon, ["--list", "tree", Provider.busName])
        #expect(tree.succeeded, "\(tree)")
        let paths = Set(tree.standardOutput.split(separator: "\n").map(String.init))
        var expected = [Provider.rootPath, Provider.packageClassPath, Provider.smsPackageClassPath, package.rawValue,
                        package.rawValue + "/Sequence", package.rawValue + "/Steps"]
        expected += steps.map(\.rawValue)
        // The three groups have conditions, each with one expression; the README step has none.
        expected += steps.dropFirst().map { $0.rawValue + "/Condition" }
        for path in expected {
            #expect(paths.contains(path), "busctl tree lacks \(path)")
        }
        #expect(!paths.contains(steps[0].rawValue + "/Condition"), "a step without a condition lists none")
        let expressions = paths.filter { path in steps.dropFirst().contains { path.hasPrefix($0.rawValue + "/Condition/") } }
        #expect(expressions.count == 3, "\(expressions)")
    }

    @Test func busctlIntrospectsGetsPropertiesAndCalls() throws {
        let daemon = try SharedDaemon.current()
        let (package, steps) = try Self.importChassis(daemon, name: "busctl calls")

        let introspection = try ExternalTools.busctl(daemon, ["introspect", Provider.busName, package.rawValue])
        #expect(introspection.succeeded, "\(introspection)")
        for member in [Provider.packageInterface, ".GetSequence", ".SetSequence", ".Export", ".Delete", ".SourceVersion", "org.freedesktop.DBus.Properties"] {
            #expect(introspection.standardOutput.contains(member), "busctl introspect lacks \(member)")
        }
        let nameLine = introspection.standardOutput.split(separator: "\n").first { $0.hasPrefix(".Name ") }
        #expect(nameLine?.contains("\"busctl calls\"") == true && nameLine?.contains("writable") == true, "\(String(describing: nameLine))")

        let name = try ExternalTools.busctl(daemon, ["get-property", Provider.busName, package.rawValue, Provider.packageInterface, "Name"])
        #expect(name.standardOutput.trimmingTrailingNewlines == #"s "busctl calls""#, "\(name)")
        let group = try ExternalTools.busctl(daemon, ["get-property", Provider.busName, steps[1].rawValue, Provider.stepInterface, "Name", "Enabled"])
        #expect(group.outputLines == [#"s "Is Laptop""#, "b true"], "\(group)")

        let added = try ExternalTools.busctl(daemon, [
            "call", Provider.busName, package.rawValue + "/Sequence", Provider.sequenceInterface, "AddGroup", "sa{sv}i",
            "Added by busctl", "1", "Description", "s", "from the shell", "0",
        ])
        #expect(added.succeeded, "\(added)")
        let groupPath = added.standardOutput.trimmingTrailingNewlines
        #expect(groupPath.hasPrefix(#"o ""#) && groupPath.contains(package.rawValue + "/Steps/"), "\(added)")
        let sequence = try ProviderClient(daemon.client).sequence(package)
        #expect(sequence.steps.first?.name == "Added by busctl" && sequence.steps.first?.description == "from the shell")

        let wrong = try ExternalTools.busctl(daemon, ["call", Provider.busName, package.rawValue, Provider.packageInterface, "SetSequence", "s", "<sequence/>"])
        #expect(!wrong.succeeded)
        #expect(wrong.standardError.contains("expects signature 'su'"), "\(wrong)")
    }

    @Test func busctlJSONOutputParses() throws {
        let daemon = try SharedDaemon.current()
        let (package, steps) = try Self.importChassis(daemon, name: "busctl json")

        let version = try BusctlJSON.parse(try ExternalTools.busctl(daemon, [
            "--json=short", "get-property", Provider.busName, package.rawValue, Provider.packageInterface, "SourceVersion",
        ]).standardOutput)
        #expect(version.type == "u" && (version.data as? Int) == 1, "\(version)")

        let listed = try BusctlJSON.parse(try ExternalTools.busctl(daemon, [
            "--json=short", "get-property", Provider.busName, package.rawValue + "/Sequence", Provider.sequenceInterface, "Steps",
        ]).standardOutput)
        #expect(listed.type == "ao" && (listed.data as? [String]) == steps.map(\.rawValue), "\(listed)")

        let enumerated = try BusctlJSON.parse(try ExternalTools.busctl(daemon, [
            "--json=short", "call", Provider.busName, Provider.packageClassPath, Provider.classInterface, "Enumerate",
        ]).standardOutput)
        let packages = (enumerated.data as? [[String]])?.first ?? []
        #expect(enumerated.type == "ao" && packages.contains(package.rawValue), "\(enumerated)")

        let call = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, package.rawValue, Provider.packageInterface, "GetSequence"])
        let xml = try BusctlJSON.parse(call.standardOutput)
        let text = try #require((xml.data as? [String])?.first, "\(call)")
        #expect(try XMLEquivalence.firstDifference(between: ExpectedXML.exportForm(of: Fixtures.data(Self.chassisQueries)), and: text) == nil)

        let expression = try #require(try ExternalTools.busctl(daemon, ["--list", "tree", Provider.busName]).outputLines
            .first { $0.hasPrefix(steps[1].rawValue + "/Condition/") })
        let properties = try BusctlJSON.parse(try ExternalTools.busctl(daemon, [
            "--json=short", "get-property", Provider.busName, expression, Provider.expressionInterface, "Properties",
        ]).standardOutput)
        let namespace = ((properties.data as? [String: Any])?["Namespace"] as? [String: Any])?["data"] as? String
        #expect(properties.type == "a{sv}" && namespace == #"root\cimv2"#, "\(properties)")
    }

    @Test func gdbusIntrospectsThePackageRecursively() throws {
        let daemon = try SharedDaemon.current()
        let (package, steps) = try Self.importChassis(daemon, name: "gdbus")
        let run = try runTool(ExternalTools.gdbus, [
            "introspect", "--address", daemon.bus.address, "--dest", Provider.busName, "--object-path", package.rawValue, "--recurse",
        ], timeout: .seconds(60))
        #expect(run.succeeded, "\(run)")
        let output = run.standardOutput
        for node in [package.rawValue + "/Sequence", steps[0].rawValue, steps[3].rawValue, steps[3].rawValue + "/Condition"] {
            #expect(output.contains("node \(node) {"), "gdbus introspect --recurse lacks \(node)")
        }
        for text in [
            "interface \(Provider.packageInterface) {", "interface \(Provider.sequenceInterface) {",
            "interface \(Provider.groupInterface) {", "interface \(Provider.actionInterface) {",
            "interface \(Provider.conditionInterface) {", "interface \(Provider.expressionInterface) {",
            "GetSequence(out s xml);", "readwrite s Name = 'gdbus';",
        ] {
            #expect(output.contains(text), "gdbus introspect --recurse lacks \(text)")
        }
    }

    static let pythonClient = """
        import sys, dbus
        bus = dbus.bus.BusConnection(sys.argv[1])
        name, root = 'org.tsprovider.Provider1', '/org/tsprovider/Provider1'
        prefix = 'org.tsprovider.Provider1.'
        packages = bus.get_object(name, root + '/SMS_TaskSequencePackage')
        with open(sys.argv[2]) as f:
            text = f.read()
        path = packages.Import(text, dbus.Dictionary({'Name': 'from python'}, signature='sv'),
                               dbus_interface=prefix + 'TaskSequencePackageClass')
        print('path', path)
        package = bus.get_object(name, path)
        props = package.GetAll(prefix + 'SMS_TaskSequencePackage', dbus_interface='org.freedesktop.DBus.Properties')
        print('name', props['Name'])
        print('version', int(props['SourceVersion']))
        print('type', int(props['PackageType']))
        objects = bus.get_object(name, root).GetManagedObjects(dbus_interface='org.freedesktop.DBus.ObjectManager')
        print('managed', path in objects, prefix + 'SMS_TaskSequencePackage' in objects.get(path, {}))
        print('managed name', objects[path][prefix + 'SMS_TaskSequencePackage']['Name'])
        steps = bus.get_object(name, path + '/Sequence').Get(prefix + 'SMS_TaskSequence', 'Steps',
                                                             dbus_interface='org.freedesktop.DBus.Properties')
        # Steps are reported by their package's own manager, not by the root's.
        own = package.GetManagedObjects(dbus_interface='org.freedesktop.DBus.ObjectManager')
        print('steps', len(steps), all(str(s) in own for s in steps), any(str(s) in objects for s in steps))
        group = bus.get_object(name, steps[1])
        group.Set(prefix + 'SMS_TaskSequence_Step', 'Name', 'Renamed by python',
                  dbus_interface='org.freedesktop.DBus.Properties')
        xml = package.GetSequence(dbus_interface=prefix + 'SMS_TaskSequencePackage')
        print('renamed', 'name="Renamed by python"' in xml)
        try:
            package.SetSequence(xml, dbus.UInt32(1), dbus_interface=prefix + 'SMS_TaskSequencePackage')
        except dbus.DBusException as error:
            print('stale', error.get_dbus_name())
        """

    @Test func pythonDBusImportsReadsPropertiesListsObjectsAndCalls() throws {
        let daemon = try SharedDaemon.current()
        let file = Fixtures.realWorld.appendingPathComponent(Self.chassisQueries).path
        let run = try ExternalTools.python(Self.pythonClient, daemon, [file])
        #expect(run.succeeded, "\(run)")
        let lines = run.outputLines
        let path = try #require(lines.first?.split(separator: " ").last.map(String.init), "\(run)")
        #expect(lines == [
            "path \(path)", "name from python", "version 1", "type 4", "managed True True", "managed name from python",
            "steps 4 True False", "renamed True", "stale \(Provider.conflictError)",
        ], "\(run)")
        let sequence = try ProviderClient(daemon.client).sequence(try ObjectPath(path))
        #expect(sequence.steps.map(\.name) == ["README", "Renamed by python", "Is Desktop", "Is Server"])
    }
}
