import Foundation
import Testing
import ProviderCore
import TaskSequenceModel

/// Queries cover a class and every class deriving from it, like WMI's; steps carry their own
/// settings, conditions their expressions' properties, secrets never come back.
@Suite struct QueryPolymorphismTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture()
    }

    @Test func stepQueriesCoverSubclassesAndNothingElse() throws {
        #expect(try fixture.stepNames() == ["Setup", "Run PowerShell", "Echo 100%", "Restart", "Gather", "Untyped", "[Empty]_group"])
        // Actions include custom (BDD_Gather) and untyped MDT steps, never groups.
        #expect(try fixture.stepNames("SMS_TaskSequence_Action") == ["Run PowerShell", "Echo 100%", "Restart", "Gather", "Untyped"])
        #expect(try fixture.stepNames("SMS_TaskSequence_Group") == ["Setup", "[Empty]_group"])
        #expect(try fixture.stepNames("SMS_TaskSequence_RunCommandLineAction") == ["Run PowerShell", "Echo 100%"])
        #expect(try fixture.stepNames("sms_tasksequence_rebootaction") == ["Restart"])
        #expect(try fixture.stepNames("SMS_TaskSequence_ApplyOperatingSystemAction").isEmpty)
    }

    @Test func rowsReportTheirOwnClassAndReference() throws {
        let rows = try fixture.query("SELECT Name, StepID FROM SMS_TaskSequence_Step WHERE PackageID = '\(fixture.id("Sample"))'")
        #expect(rows.map(\.className) == [
            "SMS_TaskSequence_Group", "SMS_TaskSequence_RunCommandLineAction", "SMS_TaskSequence_RunCommandLineAction",
            "SMS_TaskSequence_RebootAction", "BDD_Gather", "SMS_TaskSequence_Action", "SMS_TaskSequence_Group",
        ])
        for row in rows {
            guard case .int64(let stepID) = row["StepID"] else { Issue.record("no StepID in \(row.properties)"); continue }
            #expect(row.reference == .step(packageID: fixture.id("Sample"), stepID: stepID))
            #expect(try fixture.service.step(stepID, packageID: fixture.id("Sample"), for: fixture.root).name == row["Name"]?.description)
        }
        #expect(rows.first?.reference.relativePath.hasPrefix("SMS_TaskSequence_Step.PackageID=\"\(fixture.id("Sample"))\",StepID=") == true)
    }

    @Test func classAndIsaFilterByConcreteClass() throws {
        #expect(try fixture.stepNames(where: "__CLASS = 'SMS_TaskSequence_Group'") == ["Setup", "[Empty]_group"])
        #expect(try fixture.stepNames(where: "__class = 'bdd_gather'") == ["Gather"])
        #expect(try fixture.stepNames(where: "__CLASS <> 'SMS_TaskSequence_Group' AND __CLASS LIKE '%Action'") == ["Run PowerShell", "Echo 100%", "Restart", "Untyped"])
        #expect(try fixture.stepNames(where: "__CLASS ISA 'SMS_TaskSequence_Action'") == ["Run PowerShell", "Echo 100%", "Restart", "Gather", "Untyped"])
        #expect(try fixture.stepNames(where: "__THIS ISA 'SMS_TaskSequence_Group'") == ["Setup", "[Empty]_group"])
        #expect(try fixture.stepNames(where: "NOT __THIS ISA 'SMS_TaskSequence_Action'") == ["Setup", "[Empty]_group"])
        #expect(try fixture.stepNames(where: "__CLASS ISA 'SMS_TaskSequence_RunCommandLineAction'") == ["Run PowerShell", "Echo 100%"])
        #expect(try fixture.stepNames(where: "__CLASS ISA 'SMS_TaskSequencePackage'").isEmpty)
        #expect(try fixture.packageNames(where: "__CLASS = 'SMS_TaskSequencePackage' AND Name = 'Sample'") == ["Sample"])
    }

    @Test func theIssuesQueryFindsPowerShellCommandLines() throws {
        let rows = try fixture.query("""
            SELECT Name, PackageID FROM SMS_TaskSequence_Step \
            WHERE __CLASS = 'SMS_TaskSequence_RunCommandLineAction' AND CommandLine LIKE '%powershell%'
            """)
        #expect(rows.count == 1)
        #expect(rows.first?.properties.map(\.name) == ["Name", "PackageID"])
        #expect(rows.first?.properties.map(\.value) == [.string("Run PowerShell"), .string(fixture.id("Sample"))])
        #expect(rows.first?.className == "SMS_TaskSequence_RunCommandLineAction")
    }

    @Test func concreteActionClassesCarryTheirSettings() throws {
        let rows = try fixture.query("SELECT * FROM SMS_TaskSequence_RunCommandLineAction")
        let powerShell = try #require(rows.first { $0["Name"] == .string("Run PowerShell") })
        #expect(powerShell["CommandLine"] == .string("PowerShell.exe -File x.ps1"))
        #expect(powerShell["DisableWow64Redirection"] == .boolean(true))
        #expect(powerShell["UserName"] == .string(#"corp\svc"#))
        #expect(powerShell["SuccessCodes"] == .string("0 3010"))
        #expect(powerShell["Timeout"] == .uint32(600))
        #expect(powerShell["SupportedEnvironment"] == .string("FullOS"))
        #expect(powerShell["Enabled"] == .boolean(true))
        #expect(powerShell["PackageID"] == .string(fixture.id("Sample")))
        let names = powerShell.properties.map(\.name)
        #expect(Array(names.prefix(2)) == ["PackageID", "StepID"])
        let schema = try fixture.service.classSchema("SMS_TaskSequence_RunCommandLineAction", for: fixture.root).properties.map(\.name)
        #expect(names == schema.filter(names.contains))

        let restart = try #require(fixture.query("SELECT * FROM SMS_TaskSequence_RebootAction").first)
        #expect(restart["Target"] == .string("WinPE"))
        #expect(restart["MessageTimeout"] == .uint32(60))
        #expect(try fixture.stepNames("SMS_TaskSequence_RebootAction", where: "MessageTimeout >= 60 AND Target = 'winpe'") == ["Restart"])
    }

    @Test func polymorphicQueriesMayNameSubclassProperties() throws {
        let rows = try fixture.query("SELECT Name, CommandLine, Target FROM SMS_TaskSequence_Step WHERE PackageID = '\(fixture.id("Sample"))'")
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0["Name"]?.description ?? "", $0) })
        #expect(byName["Run PowerShell"]?.properties.map(\.name) == ["Name", "CommandLine"])
        #expect(byName["Restart"]?.properties.map(\.name) == ["Name", "Target"])
        #expect(byName["Setup"]?.properties.map(\.name) == ["Name"])
        // Rows of classes without the property read NULL, so they never match.
        #expect(try fixture.stepNames(where: "CommandLine LIKE '%'") == ["Run PowerShell", "Echo 100%"])
        #expect(try fixture.stepNames("SMS_TaskSequence_Action", where: "Target IS NOT NULL OR CommandLine LIKE 'cmd%'") == ["Echo 100%", "Restart"])
        // SELECT * from a base class: each row carries its own class's properties.
        let all = try fixture.query("SELECT * FROM SMS_TaskSequence_Action WHERE PackageID = '\(fixture.id("Sample"))'")
        #expect(all.first { $0["Name"] == .string("Restart") }?["MessageTimeout"] == .uint32(60))
        #expect(all.first { $0["Name"] == .string("Gather") }?.properties.map(\.name) == ["PackageID", "StepID", "Name", "Description", "Enabled", "ContinueOnError", "SupportedEnvironment"])
    }

    @Test func secretsAreNeverReturnedNorComparable() throws {
        for wql in ["SELECT * FROM SMS_TaskSequence_RunCommandLineAction", "SELECT UserPassword, Name FROM SMS_TaskSequence_Step",
                    "SELECT * FROM SMS_TaskSequence_Step", "SELECT UserPassword FROM SMS_TaskSequence_RunCommandLineAction"] {
            for row in try fixture.query(wql) {
                #expect(row["UserPassword"] == nil)
                #expect(!row.properties.contains { $0.value.description.contains("s3cret") || $0.value.description.contains("other-secret") })
            }
        }
        for (wql, token) in [
            ("SELECT Name FROM SMS_TaskSequence_RunCommandLineAction WHERE UserPassword = 's3cret!'", "UserPassword"),
            ("SELECT Name FROM SMS_TaskSequence_Step WHERE userpassword LIKE 's%'", "userpassword"),
            ("SELECT Name FROM SMS_TaskSequence_Action WHERE UserPassword IS NULL", "UserPassword"),
            ("SELECT Name FROM SMS_TaskSequence_RunCommandLineAction ORDER BY UserPassword", "UserPassword"),
            ("SELECT Name FROM SMS_TaskSequence_SetDynamicVariablesAction WHERE Rules LIKE '%'", "Rules"),
        ] {
            do {
                _ = try fixture.query(wql)
                Issue.record("\(wql) succeeded")
            } catch let error as ProviderError {
                let parts = try #require(error.queryParts, "\(wql): \(error)")
                #expect(parts.token == token && parts.position == position(of: token, in: wql) && parts.message.contains("secret"))
            }
        }
    }

    @Test func conditionExpressionsAndOperatorsAreQueryable() throws {
        let sample = fixture.id("Sample")
        let setup = try #require(fixture.query("SELECT StepID FROM SMS_TaskSequence_Group WHERE Name = 'Setup'").first?["StepID"])
        // "Every step conditioned on _SMSTSInWinPE" is one query.
        let inWinPE = try fixture.query("SELECT PackageID, StepID FROM SMS_TaskSequence_VariableConditionExpression WHERE Variable = '_smstsinwinpe'")
        #expect(inWinPE.map(\.properties.count) == [2])
        #expect(inWinPE.first?["PackageID"] == .string(sample) && inWinPE.first?["StepID"] == setup)
        #expect(inWinPE.first?.className == "SMS_TaskSequence_VariableConditionExpression")

        let expressions = try fixture.query("SELECT * FROM SMS_TaskSequence_ConditionExpression")
        #expect(expressions.map(\.className) == [
            "SMS_TaskSequence_VariableConditionExpression", "SMS_TaskSequence_RegistryConditionExpression", "SMS_TaskSequence_FileConditionExpression",
        ])
        let variable = try #require(expressions.first)
        #expect(variable.properties.map(\.name) == ["PackageID", "StepID", "OperandID", "Variable", "Operator", "Value"])
        #expect(variable["Value"] == .string("false"))
        let registry = expressions[1]
        #expect(registry["KeyPath"] == .string(#"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso"#) && registry["Type"] == .string("REG_SZ"))
        guard case .operand(let packageID, let stepID, let operandID) = registry.reference else {
            Issue.record("not an operand: \(registry.reference)")
            return
        }
        #expect(packageID == sample && registry["OperandID"] == .int64(operandID) && registry["StepID"] == .int64(stepID))
        #expect(try fixture.service.object(atRelativePath: registry.reference.relativePath, for: fixture.root) == registry.reference)

        let operators = try fixture.query("SELECT * FROM SMS_TaskSequence_ConditionOperator WHERE OperatorType = 'OR'")
        #expect(operators.count == 1 && operators.first?["OperatorType"] == .string("or"))
        #expect(try fixture.query("SELECT OperandID FROM SMS_TaskSequence_ConditionOperand").count == 4)
        #expect(try fixture.query("SELECT OperandID FROM SMS_TaskSequence_ConditionOperand WHERE Path LIKE '%notepad%'").count == 1)
        // An expression property the file leaves out is NULL.
        #expect(try fixture.query("SELECT * FROM SMS_TaskSequence_FileConditionExpression WHERE Version IS NULL").count == 1)

        let conditions = try fixture.query("SELECT * FROM SMS_TaskSequence_Condition")
        #expect(conditions.map(\.reference) == conditions.compactMap { row -> ObjectReference? in
            guard case .int64(let stepID) = row["StepID"] else { return nil }
            return .condition(packageID: sample, stepID: stepID)
        })
        #expect(conditions.count == 2)
        #expect(try Set(fixture.service.instances(ofClass: "SMS_TaskSequence_Condition", for: fixture.root)) == Set(conditions.map(\.reference)))
    }

    @Test func everyServedClassCanBeQueriedAndDescribed() throws {
        for name in ServedClasses.names {
            _ = try fixture.service.classSchema(name, for: fixture.root)
            for row in try fixture.query("SELECT * FROM \(name)") {
                // Each row carries its own class's properties (a custom action's are an action's).
                let rowClass = ServedClasses.names.contains(row.className) ? row.className : "SMS_TaskSequence_Action"
                let schema = try fixture.service.classSchema(rowClass, for: fixture.root)
                let names = row.properties.map(\.name)
                #expect(names == schema.properties.map(\.name).filter(names.contains), "\(name): \(names)")
                #expect(row.className == name || ActionCatalog.builtIn.isClass(row.className, derivedFrom: name) || row.className == "BDD_Gather")
            }
            if ServedClasses.queryOnly.contains(name) {
                // The reference views have no objects of their own to enumerate.
                #expect(throws: ProviderError.invalidArgument(
                    name: "class", problem: "\(name) is served by queries only; run ExecQuery SELECT * FROM \(name)")) {
                    try fixture.service.instances(ofClass: name, for: fixture.root)
                }
                continue
            }
            let instances = try fixture.service.instances(ofClass: name, for: fixture.root)
            let queried = try fixture.query("SELECT __CLASS FROM \(name)").map(\.reference)
            // Enumeration lists only classes the catalog knows; a query also finds custom actions.
            #expect(Set(instances).isSubset(of: Set(queried)), "\(name)")
        }
    }
}
