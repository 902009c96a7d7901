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
        /// (PackageID, step name) of Run Command Line steps whose command line mentions PowerShell.
        var powerShellSteps: [String] = []
        /// PackageID of each Variable expression on _SMSTSInWinPE, and how many steps have one.
        var inWinPEExpressions: [String] = []
        var inWinPESteps = 0
    }

    @Test func queriesOverTheCorpusMatchWhatTheXMLHolds() throws {
        let fixture = try ServiceFixture()
        let catalog = ActionCatalog.builtIn
        var expected = Expected()
        for name in Fixtures.realWorldNames {
            let data = try Fixtures.data(name)
            let id = try fixture.service.importPackage(data: data, for: fixture.root)
            for step in try TaskSequenceReader().document(from: data).sequence.allSteps {
                expected.steps += 1
                if step.isGroup {
                    expected.groups += 1
                } else if !catalog.isClass(step.className, derivedFrom: StepClass.step) || catalog.isClass(step.className, derivedFrom: StepClass.action) {
                    expected.actions += 1
                }
                if step.className.equalsIgnoringCaseForTest("SMS_TaskSequence_RunCommandLineAction") {
                    expected.runCommandLines += 1
                    if step.setting("CommandLine")?.lowercased().contains("powershell") == true {
                        expected.powerShellSteps.append("\(id) \(step.name)")
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
