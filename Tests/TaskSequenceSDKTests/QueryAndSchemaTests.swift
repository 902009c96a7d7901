import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// WQL queries (`ExecQuery`) and the class schema (`EnumerateClasses`, `GetClass`).
@Suite struct QueryAndSchemaTests {
    @Test func queriesReturnRowsWithTheirSystemProperties() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(xml: try SDKFixtures.text(SDKFixtures.chassisName), options: ImportOptions(name: "Chassis"))
            _ = try client.createPackage(named: "Other")
            let rows = try client.query("SELECT PackageID, Name FROM SMS_TaskSequencePackage WHERE Name = 'Chassis'")
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.className == "SMS_TaskSequencePackage")
            #expect(row.relativePath == package.relativePath)
            #expect(row.path == package.objectPath)
            #expect(row["PackageID"] == .string(package.id))
            #expect(row["name"] == "Chassis")
            #expect(row.propertyNames == ["Name", "PackageID"] || row.propertyNames == ["PackageID", "Name"])
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

    @Test func classNamesListTheServedClasses() throws {
        try withProvider { client, _ in
            let names = try client.classNames()
            for name in ["SMS_TaskSequencePackage", "SMS_Package", "SMS_TaskSequence", "SMS_TaskSequence_Group",
                         "SMS_TaskSequence_RunCommandLineAction", "SMS_TaskSequence_VariableConditionExpression",
                         "SMS_UserClassPermissions", "SMS_UserInstancePermissions"] {
                #expect(names.contains(name), "missing \(name)")
            }
        }
    }

    @Test func classSchemaDescribesPropertiesAndMethods() throws {
        try withProvider { client, _ in
            let schema = try client.classSchema("SMS_TaskSequencePackage")
            #expect(schema.name == "SMS_TaskSequencePackage")
            #expect(schema.superclass == "SMS_PackageBaseclass")
            let packageID = try #require(schema.properties.first { $0.name == "PackageID" })
            #expect(packageID.cimType == "string")
            #expect(packageID.isKey && packageID.isReadOnly && packageID.origin == "SMS_PackageBaseclass")
            #expect(schema.derivation == ["SMS_PackageBaseclass"])
            let setSequence = try #require(schema.method("SetSequence"))
            #expect(setSequence.inParameters.map(\.name) == ["Sequence", "ExpectedSourceVersion"] && setSequence.outParameters.map(\.signature) == ["u"])
            #expect(schema.properties.contains { $0.name == "Name" })
            #expect(schema.methods.contains { $0.name == "SetSequence" } && schema.methods.contains { $0.name == "GetSequence" })
            let run = try client.classSchema("SMS_TaskSequence_RunCommandLineAction")
            #expect(run.properties.contains { $0.name == "CommandLine" })
            let permissions = try client.classSchema("SMS_UserInstancePermissions")
            #expect(Set(permissions.properties.map(\.name)).isSuperset(of: ["UserName", "ObjectKey", "InstanceKey", "InstancePermissions"]))
            let missing = providerError { _ = try client.classSchema("SMS_NoSuchClass") }
            #expect(missing.map { if case .notFound(let message) = $0 { message.contains("SMS_NoSuchClass") } else { false } } == true, "\(String(describing: missing))")
        }
    }
}
