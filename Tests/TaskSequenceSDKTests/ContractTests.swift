import DBusKit
import Foundation
import TaskSequenceModel
import TaskSequenceSDK
import TestSupport
import Testing

/// The contract the service and the SDK share is declared once (ProviderContract and
/// TaskSequenceModel), under one name, and both directions of the D-Bus error mapping read the
/// same table.
@Suite struct ContractTests {
    /// The types still declared on both sides, each awaiting its move into ProviderContract.
    /// A name leaves this list when it moves; nothing may join it.
    static let notYetShared: Set<String> = [
    ]

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/shared-type-duplicates.sh")

    @Test func noTypeBeyondTheKnownOnesIsDeclaredInTwoModules() throws {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), [Self.script.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        let duplicated = Set(result.outputLines.map { String($0.prefix { $0 != ":" }) })
        #expect(duplicated == Self.notYetShared, "declared twice: \(result.output)")
        for line in result.outputLines {
            #expect(line.hasSuffix(": ProviderCore TaskSequenceSDK"), "\(line)")
        }
    }

    static let shapeScript = script.deletingLastPathComponent().appendingPathComponent("same-shape-mirrors.sh")

    /// No type mirrors another under a different name: no two declare the same JSON keys.
    @Test func noJSONShapeIsDeclaredTwiceUnderTwoNames() throws {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), [Self.shapeScript.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.outputLines.isEmpty, "declared twice under two names: \(result.output)")
    }

    /// The check finds a renamed mirror: the SDK's old PackageChange beside the model's SequenceChange.
    @Test func theShapeCheckFindsARenamedMirror() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("shape-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let keys = """
                enum CodingKeys: String, CodingKey {
                    case kind = "Kind", stepID = "StepID"
                    case old = "Old", new = "New"
                }
            """
        for (module, name) in [("TaskSequenceModel", "SequenceChange"), ("TaskSequenceSDK", "PackageChange")] {
            let folder = root.appendingPathComponent("Sources/\(module)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "public struct \(name): Codable {\n\(keys)\n}\n".write(to: folder.appendingPathComponent("\(name).swift"), atomically: true, encoding: .utf8)
        }
        let result = try CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["ROOT=\(root.path)", "/bin/sh", Self.shapeScript.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.outputLines == ["Kind,New,Old,StepID: TaskSequenceModel/SequenceChange.swift TaskSequenceSDK/PackageChange.swift"])
    }

    @Test func everyErrorNameComesBackAsTheCaseThatSendsIt() {
        for name in ProviderErrorName.allCases {
            let error = ProviderError(DBusError(name: name.dbusName, message: "what was wrong"))
            #expect(error.errorName == name, "\(name.dbusName) became \(error)")
            #expect(error.dbusName == name.dbusName)
        }
    }

    @Test func theProvidersOwnNamesAreThoseUnderItsDomain() {
        #expect(ProviderError.domain.prefix == ProviderErrorName.providerDomain)
        #expect(Set(ProviderErrorName.providerNames.values) == [
            .notFound, .conflict, .invalidXML, .invalidQuery, .validationFailed, .storageFailed, .storageFull, .storageReadOnly,
        ])
        #expect(ProviderErrorName.invalidXML.dbusName == "org.tsprovider.Provider1.Error.InvalidXml")
    }

    @Test func rightsNameEveryBitTheServiceAndClientsKnow() {
        #expect(Rights.all.names == Rights.named.map(\.name))
        #expect(Rights(parsing: "Distribute|Advertise|ImportMachine") == [.distribute, .advertise, .importMachine])
        #expect(Rights.classOnly.description == "Administer|Create|ImportMachine")
        #expect(Rights(rawValue: 0x100001).description == "Read|1048576")
        #expect(Rights.numbered.hasPrefix("Read 1, Modify 2, Delete 4, Distribute 8, Advertise 64"))
    }

    @Test func permissionEntriesNameTheirPathByTheirKeys() throws {
        let instance = PermissionEntry(userName: "@deploy", objectKey: 20, instanceKey: "PS100004", rights: [.read])
        #expect(instance.scope == .instance && instance.className == "SMS_UserInstancePermissions")
        #expect(instance.pathLabel == "20/PS100004/@deploy")
        #expect(instance.objectPath == "/org/tsprovider/Provider1/SMS_UserInstancePermissions/" + ObjectPath.escape("20/PS100004/@deploy"))
        #expect(PermissionEntry(className: instance.className, pathLabel: instance.pathLabel, rights: [.read]) == instance)
        let classEntry = PermissionEntry(userName: "alice", objectKey: 2, rights: [.administer])
        #expect(classEntry.scope == .class && classEntry.rightsProperty == "ClassPermissions")
        #expect(PermissionEntry(className: classEntry.className, pathLabel: "2/alice", rights: [.administer]) == classEntry)
        #expect(PermissionEntry(className: "SMS_UserClassPermissions", pathLabel: "x/alice") == nil)
        #expect(PermissionEntry(className: "SMS_UserInstancePermissions", pathLabel: "20/alice") == nil)
        #expect(PermissionEntry(className: "SMS_Package", pathLabel: "20/alice") == nil)
        let decoded = try JSONDecoder().decode(PermissionEntry.self, from: JSONEncoder().encode(instance))
        #expect(decoded == instance)
    }

    @Test func pathElementsEscapeAsDBusKitDoesAndKeepPlainIDs() {
        for label in ["PS100004", "42", "a-b", "20/x/@g", "", "_", "é"] {
            let expected = label.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) } && !label.isEmpty
                ? label : ObjectPath.escape(label)
            #expect(ProviderObjectPath.element(label) == expected, "\(label)")
            #expect(ObjectPath.unescape(ProviderObjectPath.element(label)) == label)
        }
    }

    @Test func aClassSchemaPrintsItsQualifiersAsJSONValuesAndReadsThemBack() throws {
        let schema = ClassSchema(
            name: "SMS_Example", superclass: "SMS_Base",
            properties: [ClassSchema.Property(name: "Name", cimType: "string", qualifiers: [Qualifier("AllowedLen", .string("1-50")), Qualifier("CommandLineArg", .integer(2)), Qualifier("ValueMap", .strings(["a", "b"])), Qualifier("key")])],
            methods: [ClassSchema.Method(name: "Run", isStatic: true, inParameters: [ClassSchema.Parameter("Options", cimType: "object", signature: "a{sv}")], summary: "Runs.")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(schema), as: UTF8.self)
        #expect(json == #"{"Methods":[{"Name":"Run","Qualifiers":{"In":[{"Name":"Options","Signature":"a{sv}","Type":"object"}],"Out":[],"Static":true,"Summary":"Runs."}}],"Name":"SMS_Example","Properties":[{"Name":"Name","Qualifiers":{"AllowedLen":"1-50","CommandLineArg":2,"ValueMap":["a","b"],"key":true},"Type":"string"}],"Superclass":"SMS_Base"}"#)
        // JSON holds qualifiers by name: they come back in name order, as the bus sends them.
        let decoded = try JSONDecoder().decode(ClassSchema.self, from: Data(json.utf8))
        #expect(decoded == schema)
        #expect(schema.properties[0].qualifierSummary == "AllowedLen=1-50 CommandLineArg=2 key ValueMap=a, b")
    }
}
