import Testing
import ProviderCore
import TaskSequenceModel

/// `GetClass`: classes described from the model's catalog, as WMI describes them.
@Suite struct ClassSchemaTests {
    let fixture: ServiceFixture

    init() throws {
        fixture = try ServiceFixture()
    }

    private func schema(_ name: String) throws -> ClassSchema {
        try fixture.service.classSchema(name, for: fixture.root)
    }

    @Test func thePackageClassHasItsPropertiesQualifiersAndMethods() throws {
        let package = try schema("sms_tasksequencepackage")
        #expect(package.name == "SMS_TaskSequencePackage")
        #expect(package.superclass == "SMS_PackageBaseclass" && package.derivation == ["SMS_PackageBaseclass"])
        #expect(package.qualifiers.map(\.description).contains("Secured"))
        #expect(!package.isAbstract)

        let key = try #require(package.property("PackageID"))
        #expect(key.isKey && key.isReadOnly && key.cimType == "string" && key.origin == "SMS_PackageBaseclass")
        let sequence = try #require(package.property("Sequence"))
        #expect(sequence.isLazy && sequence.isReadOnly && sequence.origin == "SMS_TaskSequencePackage")
        #expect(package.property("References")?.cimType == "object:SMS_TaskSequence_Reference[]")
        #expect(package.property("References")?.isLazy == true)
        #expect(package.property("ProgramFlags")?.defaultValue == String(PackageProperties.defaultProgramFlags))
        #expect(package.property("ProgramFlags")?.qualifier("bits") != nil)
        #expect(package.property("PackageType")?.qualifier("ValueMap")?.value == .strings(["4"]))
        #expect(package.property("SourceDate")?.cimType == "datetime")
        // A property both classes declare takes the subclass's definition and keeps its origin.
        #expect(package.property("PackageType")?.origin == "SMS_PackageBaseclass")
        #expect(package.properties.filter { $0.name == "PackageType" }.count == 1)

        #expect(package.methods.map(\.name) == ["GetSequence", "SetSequence", "Export", "Delete", "ImportSequence", "Import", "ImportFd", "CreateFromTemplate", "GetTemplates", "GetTemplate"])
        let setSequence = try #require(package.method("SetSequence"))
        #expect(!setSequence.isStatic)
        #expect(setSequence.inParameters.map(\.name) == ["Sequence", "ExpectedSourceVersion"])
        #expect(setSequence.inParameters.map(\.signature) == ["s", "u"] && setSequence.outParameters.map(\.cimType) == ["uint32"])
        let importFd = try #require(package.method("importfd"))
        #expect(importFd.isStatic && importFd.inParameters.map(\.signature) == ["h", "a{sv}"])
        #expect(importFd.outParameters.first?.cimType == "ref:SMS_TaskSequencePackage" && importFd.outParameters.first?.signature == "o")
        #expect(package.method("GetSequence")?.outParameters.map(\.cimType) == ["string"])
        #expect(package.method("ImportSequence")?.isStatic == true && package.method("Delete")?.inParameters.isEmpty == true)
    }

    @Test func actionClassesCarryTheirQualifiersAndTheProvidersKeys() throws {
        let runCommandLine = try schema("SMS_TaskSequence_RunCommandLineAction")
        #expect(runCommandLine.superclass == "SMS_TaskSequence_Action")
        #expect(runCommandLine.derivation == ["SMS_TaskSequence_Action", "SMS_TaskSequence_Step"])
        #expect(runCommandLine.qualifiers.map(\.description).contains(#"CommandLine("smsswd.exe /run:%1 %2")"#))
        #expect(runCommandLine.qualifiers.map(\.description).contains(#"ActionCategory{"General,1,1"}"#))
        #expect(Array(runCommandLine.properties.prefix(2)).map(\.name) == ["PackageID", "StepID"])
        #expect(runCommandLine.properties.prefix(2).allSatisfy { $0.isKey })
        #expect(runCommandLine.property("StepID")?.cimType == "sint64")
        #expect(runCommandLine.property("StepID")?.origin == "SMS_TaskSequence_Step")
        // The key PackageID stands for the step's package; the action's own PackageID setting gives way.
        #expect(runCommandLine.properties.filter { $0.name == "PackageID" }.count == 1)

        let commandLine = try #require(runCommandLine.property("CommandLine"))
        #expect(commandLine.cimType == "string" && commandLine.origin == "SMS_TaskSequence_RunCommandLineAction")
        #expect(commandLine.qualifiers.map(\.description) == ["Not_Null", "CommandLineArg(2)", #"AllowedLen("1-32000")"#])
        #expect(runCommandLine.property("UserPassword")?.isSecret == true)
        #expect(runCommandLine.property("RunAsUser")?.qualifier("VariableName")?.value == .string("_SMSTSRunCommandLineAsUser"))
        let name = try #require(runCommandLine.property("Name"))
        #expect(name.origin == "SMS_TaskSequence_Step" && name.qualifier("AllowedLen")?.value == .string("1-100"))
        #expect(runCommandLine.property("Timeout")?.origin == "SMS_TaskSequence_Action")
        #expect(runCommandLine.property("Condition")?.cimType == "object:SMS_TaskSequence_Condition")
        #expect(runCommandLine.methods.isEmpty)

        let partition = try schema("SMS_TaskSequence_PartitionDiskAction")
        #expect(partition.property("Partitions")?.cimType == "object:SMS_TaskSequence_PartitionSettings[]")
        let apply = try schema("SMS_TaskSequence_ApplyOperatingSystemAction")
        #expect(apply.property("DestinationDisk")?.qualifier("ValueRange")?.value == .string("0-99"))
        let powerShell = try schema("SMS_TaskSequence_RunPowerShellScriptAction")
        #expect(powerShell.property("ExecutionPolicy")?.qualifier("ValueMap")?.value == .strings(["Restricted", "AllSigned", "RemoteSigned", "Unrestricted", "Bypass", "Undefined"]))
        #expect(powerShell.property("ExecutionPolicy")?.defaultValue == "Restricted")
    }

    @Test func abstractBaseConditionAndEmbeddedClassesAreDescribed() throws {
        let step = try schema("SMS_TaskSequence_Step")
        #expect(step.isAbstract && step.superclass.isEmpty && step.derivation.isEmpty)
        #expect(step.properties.map(\.name) == ["PackageID", "StepID", "Name", "Description", "Enabled", "ContinueOnError", "Condition"])
        let expression = try schema("SMS_TaskSequence_VariableConditionExpression")
        #expect(expression.derivation == ["SMS_TaskSequence_ConditionExpression", "SMS_TaskSequence_ConditionOperand"])
        #expect(expression.properties.map(\.name) == ["PackageID", "StepID", "OperandID", "Variable", "Operator", "Value"])
        #expect(expression.property("Operator")?.qualifier("ValueMap")?.value == .strings(ExpressionOperator.variableOperators))
        let condition = try schema("SMS_TaskSequence_Condition")
        #expect(condition.properties.map(\.name) == ["PackageID", "StepID", "Operands"])
        let sequence = try schema("SMS_TaskSequence")
        #expect(sequence.properties.map(\.name) == ["PackageID", "SchemaVersion", "Steps"])
        #expect(sequence.property("SchemaVersion")?.defaultValue == "3.00")
        let smsPackage = try schema("SMS_Package")
        #expect(smsPackage.superclass == "SMS_PackageBaseclass" && smsPackage.property("TransformReadiness")?.cimType == "uint32")
        #expect(smsPackage.property("PkgSourcePath")?.origin == "SMS_PackageBaseclass")
        let base = try schema("SMS_PackageBaseclass")
        #expect(base.isAbstract && base.property("PackageID")?.isKey == true)
        let embedded = try schema("SMS_TaskSequence_PartitionSettings")
        #expect(!embedded.properties.isEmpty && embedded.properties.allSatisfy { !$0.isKey })
    }

    @Test func everyServedClassIsDescribedAndUnknownOnesAreNotFound() throws {
        for name in ServedClasses.names {
            let described = try schema(name)
            #expect(described.name == name)
            #expect(described.superclass == ServedClasses.superclass(of: name))
            #expect(Set(described.properties.map { $0.name.lowercased() }).count == described.properties.count, "\(name) repeats a property")
        }
        #expect(throws: ProviderError.notFound(object: "class SMS_Nope")) { try schema("SMS_Nope") }
    }
}
