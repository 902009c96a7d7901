import DBusKit
import Foundation
import Testing
import TestSupport

/// What the running daemon answers to `Introspect` on each kind of object matches the files in
/// `interfaces/`, and each kind carries exactly the interfaces docs/dbus-api.md gives it.
@Suite(.sharedDaemon) struct LiveIntrospectionTests {
    static let standard: Set<String> = [
        "org.freedesktop.DBus.Introspectable", "org.freedesktop.DBus.Properties", "org.freedesktop.DBus.Peer",
    ]

    @Test func everyKindOfObjectIntrospectsAsTheInterfaceFilesSay() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let (package, steps) = try ThirdPartyClientTests.importChassis(daemon, name: "introspection")
        let action = steps[0], group = steps[1]
        let conditionPath = try group.appending("Condition")
        let expression = try #require(try client.paths("Operands", of: Provider.conditionInterface, at: conditionPath).first)
        let operatorPath = try client.proxy(conditionPath).call(Provider.conditionInterface, "AddOperator", [
            .objectPath(conditionPath), .string("not"),
        ]).decode(ObjectPath.self)
        let smsPackage = try client.proxy(Provider.smsPackageClassPath).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary(["Name": .string("Boot image (x64)")]),
        ]).decode(ObjectPath.self)
        let classRights = try client.proxy(Provider.classPermissionsPath).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary(["UserName": .string("@root"), "ObjectKey": .uint32(20), "ClassPermissions": .uint32(1)]),
        ]).decode(ObjectPath.self)
        let instanceRights = try client.proxy(Provider.instancePermissionsPath).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary([
                "UserName": .string("@root"), "ObjectKey": .uint32(20),
                "InstanceKey": .string(package.lastComponent.map(String.init) ?? ""), "InstancePermissions": .uint32(3),
            ]),
        ]).decode(ObjectPath.self)
        let computerClass = try ObjectPath(Provider.rootPath + "/SMS_R_System"), collectionClass = try ObjectPath(Provider.rootPath + "/SMS_Collection")
        let computer = try client.proxy(computerClass).call("org.tsprovider.Provider1.ComputerClass", "ImportMachineEntry", [
            .string("INTROSPECT-PC"), .string(""), .string("02:00:00:00:1e:01"), .boolean(false),
        ]).decode(UInt32.self, ObjectPath.self).1
        let collection = try client.proxy(collectionClass).call("org.tsprovider.Provider1.CollectionClass", "Create", [
            .string("Introspection"), .string(""), .string(""),
        ]).decode(String.self, ObjectPath.self).1
        let advertisement = try client.proxy(try ObjectPath(Provider.rootPath + "/SMS_Advertisement")).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary([
                "AdvertisementName": .string("Introspection"), "PackageID": .string(package.lastComponent.map(String.init) ?? ""),
                "CollectionID": .string(collection.lastComponent.map(String.init) ?? ""),
            ]),
        ]).decode(ObjectPath.self)
        let collectionSettings = try ObjectPath(Provider.rootPath + "/SMS_CollectionSettings/" + (collection.lastComponent.map(String.init) ?? ""))
        let machineSettings = try ObjectPath(Provider.rootPath + "/SMS_MachineSettings/" + (computer.lastComponent.map(String.init) ?? ""))

        let kinds: [(kind: String, path: ObjectPath, interfaces: Set<String>)] = [
            ("root", try ObjectPath(Provider.rootPath), [Provider.rootInterface, "org.freedesktop.DBus.ObjectManager"]),
            ("class object", try ObjectPath(Provider.smsPackageClassPath), [Provider.classInterface]),
            ("package class object", try ObjectPath(Provider.packageClassPath), [Provider.classInterface, Provider.packageClassInterface]),
            // Each package is the object manager of its own sequence, steps and conditions.
            ("package", package, [Provider.packageInterface, "org.freedesktop.DBus.ObjectManager"]),
            ("sequence", try ProviderClient.sequencePath(package), [Provider.sequenceInterface]),
            ("group step", group, [Provider.stepInterface, Provider.groupInterface]),
            ("action step", action, [Provider.stepInterface, Provider.actionInterface]),
            ("condition", conditionPath, [Provider.conditionInterface]),
            ("expression", expression, [Provider.expressionInterface]),
            ("operator", operatorPath, [Provider.operatorInterface]),
            ("SMS_Package", smsPackage, [Provider.smsPackageInterface]),
            ("class rights", classRights, [Provider.classPermissionsInterface]),
            ("instance rights", instanceRights, [Provider.instancePermissionsInterface]),
            ("computer class object", computerClass, [Provider.classInterface, "org.tsprovider.Provider1.ComputerClass"]),
            ("computer", computer, ["org.tsprovider.Provider1.SMS_R_System"]),
            ("collection class object", collectionClass, [Provider.classInterface, "org.tsprovider.Provider1.CollectionClass"]),
            ("collection", collection, ["org.tsprovider.Provider1.SMS_Collection"]),
            ("advertisement", advertisement, ["org.tsprovider.Provider1.SMS_Advertisement"]),
            ("collection settings", collectionSettings, ["org.tsprovider.Provider1.SMS_CollectionSettings"]),
            ("machine settings", machineSettings, ["org.tsprovider.Provider1.SMS_MachineSettings"]),
        ]
        var seen: Set<String> = []
        for (kind, path, interfaces) in kinds {
            let xml = try client.proxy(path).introspect()
            let mismatches = InterfaceFiles.checkIntrospection(xml, against: Provider.interfacesDirectory)
            #expect(mismatches.isEmpty, "\(kind) at \(path): \(mismatches)")
            let live = Set(IntrospectionXML.interfaceElements(in: xml).keys)
            #expect(live == interfaces.union(Self.standard), "\(kind) at \(path) carries \(live.sorted())")
            seen.formUnion(live)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Provider.interfacesDirectory)
            .filter { $0.hasSuffix(".xml") }.map { String($0.dropLast(".xml".count)) }
        #expect(Set(files).isSubset(of: seen), "interfaces/ has files no live object serves: \(Set(files).subtracting(seen).sorted())")
    }

    @Test func introspectionListsTheChildrenBusctlAndGDBusWalk() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let (package, steps) = try ThirdPartyClientTests.importChassis(daemon, name: "children")
        #expect(IntrospectionXML.childNodes(in: try client.proxy(package).introspect()) == ["Sequence", "Steps"])
        let stepIDs = steps.compactMap { $0.lastComponent.map(String.init) }
        #expect(IntrospectionXML.childNodes(in: try client.proxy(package.appending("Steps")).introspect()) == stepIDs)
        #expect(IntrospectionXML.childNodes(in: try client.proxy(steps[0]).introspect()).isEmpty)
        #expect(IntrospectionXML.childNodes(in: try client.proxy(steps[1]).introspect()) == ["Condition"])
        let classes = IntrospectionXML.childNodes(in: try client.proxy(Provider.rootPath).introspect())
        #expect(classes.contains("SMS_TaskSequencePackage") && classes.contains("SMS_Package"))
    }
}
