import DBusKit
import Testing
import TestSupport

/// The object-manager tree: the root reports class objects and packages, each package is the
/// manager of its own sequence, steps, conditions and operands; asking a manager for its
/// objects is enough to hear of their changes.
///
/// "Nothing else heard" is proven by order, not by waiting: the daemon sends in order, so once
/// the last expected signal has arrived, anything sent before it has too.
@Suite(.sharedDaemon, .serialized) struct ObjectManagerTreeTests {
    static let objectManager = "org.freedesktop.DBus.ObjectManager"

    /// A group holding a condition (an expression, and an `or` of two), and an action.
    static let conditioned = #"""
        <sequence version="3.10"><group name="Install"><condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">exists</variable><variable name="Variable">OSDComputerName</variable></expression><operator type="or"><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">1</variable><variable name="Variable">A</variable></expression><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">2</variable><variable name="Variable">B</variable></expression></operator></condition><step type="SMS_TaskSequence_RebootAction" name="Restart"><action>smsboot.exe /target:HD</action><defaultVarList><variable name="SMSRebootTarget" property="Target">HD</variable></defaultVarList></step></group></sequence>
        """#

    static func managedObjects(_ client: ProviderClient, _ path: String) async throws -> [String: DBusValue] {
        let reply = try await client.proxy(path).call(objectManager, "GetManagedObjects")
        guard case .dictionary(_, _, let entries)? = reply.first else { return [:] }
        var objects: [String: DBusValue] = [:]
        for entry in entries { if case .objectPath(let path) = entry.key { objects[path.rawValue] = entry.value } }
        return objects
    }

    @Test func theRootReportsPackagesAndEachPackageItsOwnSubtree() async throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let package = try await client.importPackage(Self.conditioned, name: "manager tree").rawValue

        let root = try await Self.managedObjects(client, Provider.rootPath)
        #expect(root[package]?.stringKeyedEntries?[Provider.packageInterface] != nil)
        #expect(root[Provider.packageClassPath] != nil)
        #expect(root.keys.filter { $0.hasPrefix(package + "/") }.isEmpty, "the root reports what the package's manager does")

        let own = try await Self.managedObjects(client, package)
        let group = package + "/Steps/1", action = package + "/Steps/2"
        let condition = group + "/Condition", expression = condition + "/1"
        let operatorPath = condition + "/2", inner = [condition + "/3", condition + "/4"]
        #expect(Set(own.keys) == Set([package + "/Sequence", group, action, condition, expression, operatorPath] + inner), "\(own.keys.sorted())")
        // Read in one batch, yet every value is what the object itself answers.
        for (path, interfaces) in own {
            for (interface, values) in interfaces.stringKeyedEntries ?? [:] {
                let single = try await client.proxy(path).call(Provider.propertiesInterface, "GetAll", [.string(interface)])
                #expect(single.first?.stringKeyedEntries == values.stringKeyedEntries, "\(interface) at \(path)")
            }
        }
        let operands = own[operatorPath]?.stringKeyedEntries?[Provider.operatorInterface]?.stringKeyedEntries?["Operands"]
        #expect(operands == .array(.objectPath, try inner.map { .objectPath(try ObjectPath($0)) }))
        #expect(own[group]?.stringKeyedEntries?[Provider.groupInterface] != nil)
        #expect(own[expression]?.stringKeyedEntries?[Provider.expressionInterface] != nil)
        let name = own[action]?.stringKeyedEntries?[Provider.stepInterface]?.stringKeyedEntries?["Name"]
        #expect(name == .string("Restart"))

        // Introspect says so: the package is an ObjectManager, a step is not.
        let packageXML = try await client.proxy(package).introspect()
        #expect(IntrospectionXML.interfaceElements(in: packageXML)[Self.objectManager] != nil)
        let stepXML = try await client.proxy(action).introspect()
        #expect(IntrospectionXML.interfaceElements(in: stepXML)[Self.objectManager] == nil)
        await #expect(throws: DBusError.unknownInterface("the object at \(action) is not an object manager")) {
            _ = try await client.proxy(action).call(Self.objectManager, "GetManagedObjects")
        }
        _ = try await client.proxy(package).call(Provider.packageInterface, "Delete")

        // Once gone, the package is no manager either: like any missing object.
        await #expect(throws: DBusError.unknownObject("no object at \(package)")) {
            _ = try await client.proxy(package).call(Self.objectManager, "GetManagedObjects")
        }
        await #expect(throws: DBusError.unknownObject("no object at \(package)")) {
            _ = try await client.proxy(package).introspect()
        }
    }

    @Test func askingAManagerForItsObjectsIsEnoughToHearOfTheirChanges() async throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let watched = try await client.importPackage(Self.conditioned, name: "watched package")
        let other = try await client.importPackage(Self.conditioned, name: "other package")
        let rootClient = try SignalCollector(daemon)
        let packageClient = try SignalCollector(daemon)
        _ = try await Self.managedObjects(ProviderClient(rootClient.connection), Provider.rootPath)
        _ = try await Self.managedObjects(ProviderClient(packageClient.connection), watched.rawValue)

        let created = try await client.importPackage(SmallSequence.restart, name: "created while managed")
        try client.set("Name", of: Provider.packageInterface, at: created, to: .string("renamed while managed"))
        let addStep: [DBusValue] = [.string("SMS_TaskSequence_RebootAction"), .stringVariantDictionary(["Name": .string("Added"), "Target": .string("HD")]), .int32(-1)]
        let step = try await client.proxy(ProviderClient.sequencePath(watched)).call(Provider.sequenceInterface, "AddStep", addStep)
            .decode(ObjectPath.self)
        let otherStep = try await client.proxy(ProviderClient.sequencePath(other)).call(Provider.sequenceInterface, "AddStep", addStep)
            .decode(ObjectPath.self)
        try client.set("Name", of: Provider.stepInterface, at: step, to: .string("Added, renamed"))
        _ = try await client.proxy(created).call(Provider.packageInterface, "Delete")

        // The root's client: the package created, renamed and deleted, from the root manager.
        let added = await rootClient.first { $0.is("InterfacesAdded", about: created) }
        #expect(added?.path.rawValue == Provider.rootPath && added?.interface == Self.objectManager)
        let renamed = await rootClient.first { $0.is("PropertiesChanged", about: created) && $0.changedProperties["Name"] != nil }
        #expect(renamed?.changedProperties["Name"] == .string("renamed while managed"))
        let removed = await rootClient.first { $0.is("InterfacesRemoved", about: created) }
        #expect(removed?.path.rawValue == Provider.rootPath)
        // The package's client: the step added (from the package, its manager) and renamed.
        let stepAdded = await packageClient.first { $0.is("InterfacesAdded", about: step) }
        #expect(stepAdded?.path == watched)
        let stepRenamed = await packageClient.first { $0.is("PropertiesChanged", about: step) }
        #expect(stepRenamed?.changedProperties["Name"] == .string("Added, renamed"))

        // Signals arrive in the order sent, and what was awaited last came after everything
        // below would have: nothing outside each scope, and no Instance* (those stay for
        // Subscribe(); InstanceCreated would have come before the rename).
        let heardByRoot = rootClient.signals
        #expect(heardByRoot.allSatisfy { !$0.member.hasPrefix("Instance") }, "\(heardByRoot.map(\.member))")
        #expect(!heardByRoot.contains { $0.is("InterfacesAdded", about: step) }, "steps are the package manager's to report")
        let heardByPackage = packageClient.signals
        #expect(heardByPackage.allSatisfy { !$0.member.hasPrefix("Instance") }, "\(heardByPackage.map(\.member))")
        #expect(!heardByPackage.contains { $0.is("InterfacesAdded", about: otherStep) }, "another package's step")
        #expect(!heardByPackage.contains { $0.is("InterfacesAdded", about: created) }, "a package is the root's to report")

        for package in [watched, other] { _ = try await client.proxy(package).call(Provider.packageInterface, "Delete") }
    }

    /// `Unsubscribe()` ends what `Subscribe()` added (the Instance* signals), not what asking
    /// the root manager for its objects started: the package still comes and goes by
    /// InterfacesAdded/Removed, and no InstanceCreated follows the unsubscription.
    @Test func unsubscribingKeepsTheSignalsOfManagersAskedForTheirObjects() async throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let listener = try SignalCollector(daemon)
        _ = try await Self.managedObjects(ProviderClient(listener.connection), Provider.rootPath)
        try listener.subscribe()
        try listener.subscribe("Unsubscribe")

        let created = try await client.importPackage(SmallSequence.restart, name: "created after Unsubscribe")
        _ = try await client.proxy(created).call(Provider.packageInterface, "Delete")

        let added = await listener.first { $0.is("InterfacesAdded", about: created) }
        #expect(added?.path.rawValue == Provider.rootPath)
        // Sent after everything about the creation: once it is here, an InstanceCreated would be too.
        #expect(await listener.first { $0.is("InterfacesRemoved", about: created) } != nil)
        #expect(listener.signals.allSatisfy { !$0.member.hasPrefix("Instance") }, "\(listener.signals.map(\.member))")
    }
}
