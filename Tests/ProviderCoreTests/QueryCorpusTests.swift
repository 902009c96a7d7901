import Foundation
import Testing
import ProviderCore
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

/// Queries over every real-world fixture, checked against counts taken from the XML with the
/// model's reader — not from the store.
@Suite struct QueryCorpusTests {
    /// What the fixture files hold, counted from the parsed XML.
    private struct Expected {
        var steps = 0, groups = 0, actions = 0, runCommandLines = 0, expressions = 0, operators = 0
        /// (PackageID, step name) of Run Command Line steps whose command mentions PowerShell.
        var powerShellSteps: [String] = []
        /// PackageID of each Variable expression on _SMSTSInWinPE, and how many steps have one.
        var inWinPEExpressions: [String] = []
        var inWinPESteps = 0
        /// Run Command Line steps whose command (the CommandLine variable, else `<action>`, where
        /// MDT keeps it) mentions cscript; steps with a condition; text descriptions left empty.
        var cscriptSteps = 0, conditioned = 0, emptyDescriptions = 0
        /// PackageID → the sequences referencing it.
        var users: [String: Set<String>] = [:]
    }

    @Test func queriesOverTheCorpusMatchWhatTheXMLHolds() throws {
        let fixture = try ServiceFixture()
        let catalog = ActionCatalog.builtIn
        var expected = Expected()
        for name in Fixtures.realWorldNames {
            let data = try Fixtures.data(name)
            let id = try fixture.service.importPackage(data: data, for: fixture.root)
            let document = try TaskSequenceReader().document(from: data)
            let sequence = document.sequence
            // What the steps use, and the package's boot image (listed first, as SetSequence does).
            for reference in sequence.derivedFacts(bootImageID: document.package.bootImageID).references where !reference.package.isEmpty {
                expected.users[reference.package.uppercased(), default: []].insert(id)
            }
            for step in sequence.allSteps {
                expected.steps += 1
                if step.condition != nil { expected.conditioned += 1 }
                if step.description.isEmpty { expected.emptyDescriptions += 1 }
                if step.isGroup {
                    expected.groups += 1
                } else if !catalog.isClass(step.className, derivedFrom: StepClass.step) || catalog.isClass(step.className, derivedFrom: StepClass.action) {
                    expected.actions += 1
                }
                if step.className.equalsIgnoringCaseForTest("SMS_TaskSequence_RunCommandLineAction") {
                    expected.runCommandLines += 1
                    // The CommandLine variable, else <action>, where MDT keeps the command.
                    if (step.setting("CommandLine") ?? step.actionCommandLine ?? "").lowercased().contains("powershell") {
                        expected.powerShellSteps.append("\(id) \(step.name)")
                    }
                    if (step.setting("CommandLine") ?? step.actionCommandLine ?? "").lowercased().contains("cscript") {
                        expected.cscriptSteps += 1
                    }
                }
                var conditionedOnWinPE = false
                walk(step.condition?.operands ?? []) { operand in
                    switch operand {
                    case .expression(let expression):
                        expected.expressions += 1
                        if expression.className.equalsIgnoringCaseForTest(ConditionClass.variable),
                           expression["Variable"]?.equalsIgnoringCaseForTest("_SMSTSInWinPE") == true {
                            expected.inWinPEExpressions.append(id)
                            conditionedOnWinPE = true
                        }
                    case .operator: expected.operators += 1
                    case .foreign: break
                    }
                }
                if conditionedOnWinPE { expected.inWinPESteps += 1 }
            }
        }
        #expect(expected.runCommandLines > 100 && expected.groups > 100 && !expected.powerShellSteps.isEmpty && expected.inWinPESteps > 0)

        func count(_ wql: String) throws -> Int { try fixture.service.execQuery(wql, for: fixture.root).count }
        #expect(try count("SELECT StepID FROM SMS_TaskSequence_Step") == expected.steps)
        #expect(try count("SELECT StepID FROM SMS_TaskSequence_Group") == expected.groups)
        #expect(try count("SELECT StepID FROM SMS_TaskSequence_Action") == expected.actions)
        #expect(try count("SELECT StepID FROM SMS_TaskSequence_RunCommandLineAction") == expected.runCommandLines)
        #expect(try count("SELECT StepID FROM SMS_TaskSequence_Step WHERE __CLASS = 'SMS_TaskSequence_RunCommandLineAction'") == expected.runCommandLines)
        #expect(try count("SELECT StepID FROM SMS_TaskSequence_Step WHERE __THIS ISA 'SMS_TaskSequence_RunCommandLineAction'") == expected.runCommandLines)
        #expect(try count("SELECT OperandID FROM SMS_TaskSequence_ConditionExpression") == expected.expressions)
        #expect(try count("SELECT OperandID FROM SMS_TaskSequence_ConditionOperator") == expected.operators)
        #expect(try count("SELECT PackageID FROM SMS_TaskSequencePackage") == Fixtures.realWorldNames.count)

        // The issue's query: every Run Command Line step mentioning PowerShell, from every sequence.
        let powerShell = try fixture.service.execQuery("""
            SELECT Name, PackageID FROM SMS_TaskSequence_Step \
            WHERE __CLASS = 'SMS_TaskSequence_RunCommandLineAction' AND CommandLine LIKE '%powershell%'
            """, for: fixture.root)
        #expect(powerShell.map { "\($0["PackageID"]?.description ?? "") \($0["Name"]?.description ?? "")" }.sorted() == expected.powerShellSteps.sorted())
        #expect(Set(powerShell.map(\.className)) == ["SMS_TaskSequence_RunCommandLineAction"])

        // MDT's command lines are CommandLine too (issue 12: 1 row found where the XML has dozens).
        #expect(expected.cscriptSteps > 50)
        #expect(try count("SELECT * FROM SMS_TaskSequence_RunCommandLineAction WHERE CommandLine LIKE '%cscript%'") == expected.cscriptSteps)
        let counted = try fixture.service.execQuery(
            "SELECT COUNT(*) FROM SMS_TaskSequence_RunCommandLineAction WHERE CommandLine LIKE '%cscript%'", for: fixture.root)
        #expect(counted.map { $0["Count"] } == [.uint32(UInt32(expected.cscriptSteps))])
        #expect(try count("SELECT StepID FROM SMS_TaskSequence_Step WHERE Condition IS NOT NULL") == expected.conditioned)
        #expect(try count("SELECT StepID FROM SMS_TaskSequence_Step WHERE Condition IS NULL") == expected.steps - expected.conditioned)
        #expect(try count("SELECT StepID FROM SMS_TaskSequence_Step WHERE Description IS NULL") == expected.emptyDescriptions)
        #expect(try fixture.service.execQuery("SELECT COUNT(*) FROM SMS_TaskSequence_Step", for: fixture.root).first?["Count"] == .uint32(UInt32(expected.steps)))

        // Who uses each referenced package: one query per package, the answer the XML gives.
        #expect(expected.users.count > 20)
        for (package, users) in expected.users {
            let rows = try fixture.service.execQuery("SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = '\(package)'", for: fixture.root)
            #expect(Set(rows.compactMap { $0["PackageID"]?.description }) == users, "\(package)")
            #expect(rows.count == users.count, "\(package)")
        }
        let distinctReferenced = try fixture.service.execQuery("SELECT DISTINCT ReferencePackageID FROM SMS_TaskSequenceReferencesInfo", for: fixture.root)
        #expect(Set(distinctReferenced.compactMap { $0["ReferencePackageID"]?.description.uppercased() }) == Set(expected.users.keys))

        // Every step conditioned on _SMSTSInWinPE, in one query.
        let inWinPE = try fixture.service.execQuery(
            "SELECT PackageID, StepID FROM SMS_TaskSequence_VariableConditionExpression WHERE Variable = '_SMSTSInWinPE'", for: fixture.root)
        #expect(inWinPE.compactMap { $0["PackageID"]?.description }.sorted() == expected.inWinPEExpressions.sorted())
        #expect(Set(inWinPE.compactMap { $0["StepID"] }).count == expected.inWinPESteps)

        // Every class answers SELECT * over the whole corpus, and no row carries a secret.
        for name in ServedClasses.names {
            for row in try fixture.service.execQuery("SELECT * FROM \(name)", for: fixture.root) {
                for property in row.properties {
                    #expect(!catalog.isSecret(property: property.name, inClass: row.className), "\(name) \(property.name)")
                }
            }
        }
    }

    private func walk(_ operands: [ConditionOperand], _ visit: (ConditionOperand) -> Void) {
        for operand in operands {
            visit(operand)
            if case .operator(let op) = operand { walk(op.operands, visit) }
        }
    }
}

extension String {
    /// ASCII case-insensitive equality, as WQL compares.
    func equalsIgnoringCaseForTest(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
