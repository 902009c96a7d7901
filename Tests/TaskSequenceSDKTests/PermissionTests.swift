import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// Permissions, queries and the class schema. `check`, `EnumerateClasses` and errors work on
/// every daemon; what the security and WQL issues add (`SMS_User*Permissions`, `ExecQuery`,
/// `GetClass`) is tested when the daemon serves it and skipped, with the reason recorded, when
/// it does not — after checking that the client then fails cleanly with `notSupported`.
@Suite struct ServedLaterTests {
    // MARK: Permissions

    @Test func checkReportsTheRightsTheCallerHolds() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Guarded")
            let check = try client.check([.read, .modify], on: .package(package.id))
            #expect(check.isGranted, "tests run as root, a superuser")
            #expect(check.held.contains([.read, .modify, .delete]))
            #expect(check.wanted == [.read, .modify])
            #expect(check.target == package.relativePath)
            let classCheck = try client.check(.create, on: .taskSequencePackages)
            #expect(classCheck.isGranted)
            let data = try JSONEncoder().encode(check)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["Granted"] as? Bool == true)
            #expect((object["HeldNames"] as? [String])?.contains("Read") == true)
        }
    }

    @Test func rightsParseFromNamesAndNumbers() {
        #expect(Rights(parsing: "Read|Modify") == [.read, .modify])
        #expect(Rights(parsing: "read,delete") == [.read, .delete])
        #expect(Rights(parsing: "3") == [.read, .modify])
        #expect(Rights(parsing: "0x400") == .create)
        #expect(Rights(parsing: "Read|Fly") == nil)
        #expect(Rights([.read, .administer]).description == "Read|Administer")
        #expect(Rights(rawValue: 1 | 32).names == ["Read", "32"])
        #expect(PermissionTarget(parsing: "SMS_TaskSequencePackage") == .class("SMS_TaskSequencePackage"))
        #expect(PermissionTarget(parsing: "PS100004") == .package("PS100004"))
        #expect(PermissionTarget.package("PS100004").objectKey == 20)
        #expect(PermissionTarget.package("PS100004").relativePath == #"SMS_TaskSequencePackage.PackageID="PS100004""#)
    }

    @Test func grantListAndRevoke() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Shared")
            let entry: PermissionEntry
            do {
                entry = try client.grant(.read, to: "alice", on: .package(package.id))
            } catch {
                try skipIfNotServed(error, "SMS_UserInstancePermissions (grant/revoke/list)")
            }
            #expect(entry.scope == .instance && entry.userName == "alice" && entry.instanceKey == package.id && entry.rights == .read)
            try client.grant(.modify, to: "alice", on: .package(package.id))
            try client.grant([.read, .create], to: "bob", on: .taskSequencePackages)
            let alice = try client.permissions(of: "alice")
            #expect(alice.count == 1)
            #expect(alice.first?.rights == [.read, .modify])
            #expect(try client.permissions(on: .taskSequencePackages).map(\.userName) == ["bob"])
            #expect(try client.revoke(.modify, from: "alice", on: .package(package.id)) == .read)
            #expect(try client.revoke(.read, from: "alice", on: .package(package.id)) == [])
            #expect(try client.permissions(of: "alice").isEmpty)
        }
    }

    @Test func withoutThePermissionClassesGrantFailsCleanly() throws {
        try withProvider { client, _ in
            do {
                _ = try client.permissions()
            } catch ProviderError.notSupported(let message) {
                #expect(message.contains("SMS_UserClassPermissions"))
                let grant = providerError { _ = try client.grant(.read, to: "alice", on: .package("PS100001")) }
                #expect(grant.map { if case .notSupported = $0 { true } else { false } } == true)
                return
            }
            try Test.cancel("this tsproviderd serves the permission classes; grantListAndRevoke covers them")
        }
    }

    // MARK: Queries

    @Test func queriesReturnRowsWithTheirSystemProperties() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(xml: try SDKFixtures.text(SDKFixtures.chassisName), options: ImportOptions(name: "Chassis"))
            let rows: [QueryRow]
            do {
                rows = try client.query("SELECT PackageID, Name FROM SMS_TaskSequencePackage WHERE Name = 'Chassis'")
            } catch {
                try skipIfNotServed(error, "ExecQuery")
            }
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.className == "SMS_TaskSequencePackage")
            #expect(row.relativePath == package.relativePath)
            #expect(!row.path.isEmpty)
            #expect(row["PackageID"] == .string(package.id))
            #expect(row["name"] == "Chassis")
            #expect(row.propertyNames.contains("Name"))
            let groups = try client.query("SELECT * FROM SMS_TaskSequence_Group WHERE PackageID = '\(package.id)'")
            #expect(groups.count == 3)
            let bad = providerError { _ = try client.query("SELECT FROM WHERE") }
            guard case .invalidQuery(let message)? = bad else {
                Issue.record("expected invalidQuery, got \(String(describing: bad))")
                return
            }
            #expect(!message.isEmpty)
        }
    }

    @Test func withoutExecQueryTheClientSaysSo() throws {
        try withProvider { client, _ in
            do {
                _ = try client.query("SELECT * FROM SMS_TaskSequencePackage")
            } catch ProviderError.notSupported(let message) {
                #expect(message.contains("ExecQuery"))
                return
            }
            try Test.cancel("this tsproviderd serves ExecQuery; queriesReturnRowsWithTheirSystemProperties covers it")
        }
    }

    // MARK: Schema

    @Test func classNamesListTheServedClasses() throws {
        try withProvider { client, _ in
            let names = try client.classNames()
            for name in ["SMS_TaskSequencePackage", "SMS_Package", "SMS_TaskSequence", "SMS_TaskSequence_Group",
                         "SMS_TaskSequence_RunCommandLineAction", "SMS_TaskSequence_VariableConditionExpression"] {
                #expect(names.contains(name), "missing \(name)")
            }
        }
    }

    @Test func classSchemaDescribesPropertiesAndMethods() throws {
        try withProvider { client, _ in
            let schema: ClassSchema
            do {
                schema = try client.classSchema("SMS_TaskSequencePackage")
            } catch {
                try skipIfNotServed(error, "GetClass")
            }
            #expect(schema.name == "SMS_TaskSequencePackage")
            #expect(schema.superclass == "SMS_PackageBaseclass")
            let packageID = try #require(schema.properties.first { $0.name == "PackageID" })
            #expect(packageID.type.lowercased().contains("string"))
            #expect(packageID.qualifiers.keys.contains { $0.lowercased() == "key" })
            #expect(schema.properties.contains { $0.name == "Name" })
            #expect(schema.methods.contains { $0.name == "SetSequence" || $0.name == "GetSequence" })
            let run = try client.classSchema("SMS_TaskSequence_RunCommandLineAction")
            #expect(run.properties.contains { $0.name == "CommandLine" })
            let missing = providerError { _ = try client.classSchema("SMS_NoSuchClass") }
            #expect(missing != nil)
        }
    }
}
