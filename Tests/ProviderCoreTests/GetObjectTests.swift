import Testing
import ProviderCore
import TaskSequenceModel

/// GetObject: one object by path, lazy properties included, secrets never.
@Suite struct GetObjectTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture()
    }

    @Test func aPackageComesWithItsLazyProperties() throws {
        let sample = fixture.id("Sample")
        let row = try fixture.service.getObject("SMS_TaskSequencePackage.PackageID=\"\(sample)\"", for: fixture.root)
        #expect(row.reference == .package(sample) && row.className == "SMS_TaskSequencePackage")
        #expect(row["Type"] == .uint32(2) && row["Category"] == .string("") && row["TaskSequenceFlags"] != nil)
        #expect(row["Name"] == .string("Sample"))
        // Not single values: read through GetSequence and the References property.
        #expect(row["Sequence"] == nil && row["References"] == nil)
        // What a query returns is what GetObject returns, less the lazy properties.
        let queried = try #require(fixture.query("SELECT * FROM SMS_TaskSequencePackage WHERE PackageID = '\(sample)'").first)
        let schema = try fixture.service.classSchema("SMS_TaskSequencePackage", for: fixture.root)
        #expect(queried.properties.map(\.name) == row.properties.map(\.name).filter { schema.property($0)?.isLazy == false })
    }

    @Test func stepsAndOperandsComeWithTheirOwnClassesProperties() throws {
        let step = try #require(fixture.query("SELECT StepID FROM SMS_TaskSequence_Step WHERE Name = 'Run PowerShell'").first)
        let row = try fixture.service.getObject(step.reference.relativePath, for: fixture.root)
        #expect(row.className == "SMS_TaskSequence_RunCommandLineAction")
        #expect(row["CommandLine"] == .string("PowerShell.exe -File x.ps1") && row["UserPassword"] == nil)
        #expect(try fixture.service.getObject(step.reference, for: fixture.root).properties.map(\.name) == row.properties.map(\.name))

        let operand = try #require(fixture.query("SELECT OperandID FROM SMS_TaskSequence_RegistryConditionExpression").first)
        let expression = try fixture.service.getObject(operand.reference, for: fixture.root)
        #expect(expression["Operator"] == .string("exists") && expression.className == "SMS_TaskSequence_RegistryConditionExpression")
        let sequence = try fixture.service.getObject(.sequence(packageID: fixture.id("Sample")), for: fixture.root)
        #expect(sequence["SchemaVersion"] == .string("3.10"))
    }

    @Test func missingAndUnreadableObjectsAreNotFound() throws {
        #expect(throws: ProviderError.notFound(object: ObjectReference.step(packageID: fixture.id("Sample"), stepID: 99_999).relativePath)) {
            try fixture.service.getObject(.step(packageID: fixture.id("Sample"), stepID: 99_999), for: fixture.root)
        }
        #expect(throws: ProviderError.notFound(object: ObjectReference.package("TST99999").relativePath)) {
            try fixture.service.getObject("SMS_TaskSequencePackage.PackageID=\"TST99999\"", for: fixture.root)
        }
        // Security is fail-closed here: a caller who is not a superuser is not admitted at all.
        #expect(throws: ProviderError.accessDenied(right: "superuser", object: "org.tsprovider.Provider1 (only administrators may use the provider)")) {
            try fixture.service.getObject(.package(fixture.id("Sample")), for: fixture.base.stranger)
        }
    }
}
