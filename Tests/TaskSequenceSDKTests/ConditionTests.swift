import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// Conditions through the builder: every expression class, nested operators, reading the tree
/// back, removing parts, clearing.
@Suite struct ConditionTests {
    @Test func aVariableTestOnAStepWithoutConditionMakesOne() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Conditions")
            let step = try package.sequence.addStep(.runCommandLine("cmd"), named: "Full OS only")
            #expect(try step.condition.info() == nil)
            #expect(try step.info().conditionText == nil)
            let added = try step.condition.add(.variable("_SMSTSInWinPE", .equals, "false"))
            #expect(added.count == 1)
            let info = try #require(try step.condition.info())
            #expect(info.stepID == step.id)
            #expect(info.text.contains("_SMSTSInWinPE"))
            #expect(info.operands.count == 1)
            let expression = try #require(info.operands.first)
            #expect(expression.className == ConditionClass.variable)
            #expect(!expression.isOperator)
            #expect(expression[property: "Variable"] == "_SMSTSInWinPE")
            #expect(expression[property: "operator"] == "equals")
            #expect(expression[property: "Value"] == "false")
            #expect(try step.info().conditionText == info.text)
            #expect(try package.sequenceXML().contains("SMS_TaskSequence_VariableConditionExpression"))
        }
    }

    @Test func everyKindOfTestNestsUnderOperators() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Conditions")
            let step = try package.sequence.addStep(.runCommandLine("cmd"), named: "Guarded")
            let condition: StepCondition = .and([
                .variable("OSDComputerName", .exists),
                .or([
                    .file(#"%windir%\system32\ntoskrnl.exe"#, version: (.greaterEqual, "10.0.22000.0")),
                    .folder(#"C:\Drivers"#),
                    .registry(#"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso"#, .notExists),
                    .registry(#"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso"#, .equals, valueName: "Ring", type: "REG_SZ", data: "pilot"),
                ]),
                .not([.wmi(query: "SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Virtual%'")]),
                .software(productCode: "{23170F69-40C1-2702-2201-000001000000}", .thisVersion, productName: "7-Zip"),
                .operatingSystem([.windows10x64, .windows11x64]),
            ])
            try step.setCondition(condition)
            let info = try #require(try step.condition.info())
            // The top-level `and` is the condition itself: its five parts sit at the top.
            #expect(info.operands.count == 5)
            #expect(info.operands.map(\.operatorType) == [nil, "or", "not", nil, "or"])
            let or = info.operands[1]
            #expect(or.operands.map(\.className) == [
                ConditionClass.file, ConditionClass.folder, ConditionClass.registry, ConditionClass.registry,
            ])
            #expect(or.operands[0][property: "VersionOperator"] == "greaterEqual")
            #expect(or.operands[2][property: "Operator"] == "nonExists", "the registry class spells it nonExists")
            #expect(or.operands[3][property: "Data"] == "pilot")
            #expect(info.operands[2].operands.first?.className == ConditionClass.wmi)
            #expect(info.operands[2].operands.first?[property: "Namespace"] == #"root\cimv2"#)
            #expect(info.operands[3][property: "Operator"] == "ThisVersion")
            #expect(info.operands[4].operands.count == 2)
            #expect(info.operands[4].operands.allSatisfy { $0[property: "Query"]?.contains("Win32_OperatingSystem") == true })
            #expect(info.text.contains("OSDComputerName"))

            // Remove one part, then replace the whole.
            try step.condition.operand(or.operands[1].id).delete()
            #expect(try step.condition.info()?.operands[1].operands.count == 3)
            try step.condition.operand(or.id).delete()
            #expect(try step.condition.info()?.operands.count == 4)
            try step.setCondition(.variable("X", .notEquals, "1"))
            #expect(try step.condition.info()?.operands.count == 1)
            try step.clearCondition()
            #expect(try step.condition.info() == nil)
            #expect(try step.info().conditionText == nil)
        }
    }

    @Test func addingIntoAnOperatorAndChangingOperands() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Conditions")
            let group = try package.sequence.addGroup(named: "Guarded group")
            let or = try group.condition.addOperator(.or)
            try group.condition.add(.variable("A", .equals, "1"), into: or)
            try group.condition.add(.and([.variable("B", .equals, "2"), .variable("C", .equals, "3")]), into: or)
            var info = try #require(try group.condition.info())
            #expect(info.operands.count == 1)
            #expect(info.operands[0].operands.map(\.operatorType) == [nil, "and"])
            #expect(info.operands[0].operands[1].operands.count == 2)

            try or.setOperator(.not)
            let first = try #require(info.operands[0].operands.first)
            try group.condition.operand(first.id).setProperties([ConditionProperty("Variable", "A2"), ConditionProperty("Operator", "exists")])
            info = try #require(try group.condition.info())
            #expect(info.operands[0].operatorType == "not")
            #expect(info.operands[0].operands[0][property: "Variable"] == "A2")
            #expect(info.operands[0].operands[0][property: "Value"] == nil)
        }
    }

    @Test func refusedTestsAreValidationErrorsAndAddingAStepWithOneIsAllOrNothing() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Conditions")
            let step = try package.sequence.addStep(.runCommandLine("cmd"), named: "S")
            let error = providerError { try step.condition.add(.expression(className: ConditionClass.variable, properties: [ConditionProperty("Variable", "X"), ConditionProperty("Operator", "sortOf")])) }
            guard case .validationFailed(let property, let rule)? = error else {
                Issue.record("expected validationFailed, got \(String(describing: error))")
                return
            }
            #expect(property.contains("Operator") || rule.contains("Operator"), "\(property): \(rule)")
            let unknownClass = providerError { try step.condition.addExpression(className: "SMS_NoSuchExpression", properties: []) }
            #expect(unknownClass.map { if case .invalidArguments(let message) = $0 { message.contains("SMS_NoSuchExpression") } else { false } } == true,
                    "\(String(describing: unknownClass))")

            let before = try package.sequence.steps()
            let bad = providerError {
                try package.sequence.addStep(.runCommandLine("cmd"), named: "Never", condition: .expression(className: ConditionClass.variable, properties: [ConditionProperty("Operator", "sortOf")]))
            }
            #expect(bad.map { if case .validationFailed(let property, _) = $0 { property == "Operator" } else { false } } == true, "\(String(describing: bad))")
            #expect(try package.sequence.steps() == before, "the step is removed again when its condition fails")
        }
    }

    @Test func comparisonsParseFromWordsAndSymbols() {
        #expect(Comparison(parsing: ">=") == .greaterEqual)
        #expect(Comparison(parsing: "NotEquals") == .notEquals)
        #expect(Comparison(parsing: "nonExists") == .notExists)
        #expect(Comparison(parsing: "<>") == .notEquals)
        #expect(Comparison(parsing: "sortOf") == nil)
        #expect(StepCondition.variable("A", .equals, "1").summary == "Variable(Variable=A, Operator=equals, Value=1)")
    }
}
