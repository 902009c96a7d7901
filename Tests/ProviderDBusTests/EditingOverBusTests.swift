import DBusKit
import Foundation
import TaskSequenceModel
import TaskSequenceXML
import Testing

/// Steps and conditions edited through their D-Bus objects, checked in the XML that results.
@Suite(.sharedDaemon) struct EditingOverBusTests {
    static let runCommandLine = "SMS_TaskSequence_RunCommandLineAction"
    static let variableExpression = "SMS_TaskSequence_VariableConditionExpression"

    /// A new package holding one Restart step: the package and the step's path.
    static func packageWithRestart(_ client: ProviderClient) throws -> (package: ObjectPath, restart: ObjectPath) {
        let package = try client.importPackage(SmallSequence.restart)
        let steps = try client.paths("Steps", of: Provider.sequenceInterface, at: ProviderClient.sequencePath(package))
        return (package, try #require(steps.first))
    }

    @Test func aGroupWithAConditionedCommandLineStepBecomesTheExpectedXML() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let (package, restart) = try Self.packageWithRestart(client)
        let sequence = try client.proxy(ProviderClient.sequencePath(package))

        let group = try sequence.call(Provider.sequenceInterface, "AddGroup", [
            .string("Tools"), .stringVariantDictionary(["Description": .string("Things to run")]), .int32(0),
        ]).decode(ObjectPath.self)
        let run = try client.proxy(group).call(Provider.groupInterface, "AddStep", [
            .string(Self.runCommandLine),
            .stringVariantDictionary(["Name": .string("Say hello"), "CommandLine": .string("cmd /c echo hello"), "ContinueOnError": .boolean(true)]),
            .int32(-1),
        ]).decode(ObjectPath.self)
        #expect(try client.property("Condition", of: Provider.stepInterface, at: run) == .objectPath(.root), "a new step has no condition")

        // The condition of a step that has none yet: its object is the step's path plus /Condition.
        let conditionPath = try run.appending("Condition")
        let condition = client.proxy(conditionPath)
        let or = try condition.call(Provider.conditionInterface, "AddOperator", [.objectPath(conditionPath), .string("or")]).decode(ObjectPath.self)
        let inWinPE = try condition.call(Provider.conditionInterface, "AddExpression", [
            .objectPath(or), .string(Self.variableExpression),
            .stringVariantDictionary(["Operator": .string("equals"), "Value": .string("false"), "Variable": .string("_SMSTSInWinPE")]),
        ]).decode(ObjectPath.self)
        let named = try condition.call(Provider.conditionInterface, "AddExpression", [
            .objectPath(or), .string(Self.variableExpression),
            .stringVariantDictionary(["Operator": .string("exists"), "Variable": .string("OSDComputerName")]),
        ]).decode(ObjectPath.self)

        _ = try client.proxy(restart).call(Provider.stepInterface, "MoveTo", [.objectPath(group), .int32(0)])
        try client.set("Name", of: Provider.stepInterface, at: run, to: .string("Say goodbye"))
        try client.set("Enabled", of: Provider.stepInterface, at: restart, to: .boolean(false))
        _ = try client.proxy(run).call(Provider.actionInterface, "SetSettings", [.stringVariantDictionary(["CommandLine": .string("cmd /c echo bye")])])
        _ = try client.proxy(named).call(Provider.expressionInterface, "Delete")

        // The objects say where everything is now…
        #expect(try client.paths("Steps", of: Provider.sequenceInterface, at: ProviderClient.sequencePath(package)) == [group])
        #expect(try client.paths("Steps", of: Provider.groupInterface, at: group) == [restart, run])
        #expect(try client.property("Parent", of: Provider.stepInterface, at: restart) == .objectPath(group))
        #expect(try client.property("Index", of: Provider.stepInterface, at: run) == .uint32(1))
        #expect(try client.property("Condition", of: Provider.stepInterface, at: run) == .objectPath(conditionPath))
        #expect(try client.paths("Operands", of: Provider.conditionInterface, at: conditionPath) == [or])
        #expect(try client.paths("Operands", of: Provider.operatorInterface, at: or) == [inWinPE])
        #expect(try client.string("ActionCommandLine", of: Provider.actionInterface, at: run) == "smsswd.exe /run: cmd /c echo bye")
        #expect(throws: DBusError.unknownObject("no object at \(named)"), "a deleted expression is gone") {
            _ = try client.property("ClassName", of: Provider.expressionInterface, at: named)
        }

        // …and the XML agrees.
        let xml = try client.sequence(package)
        #expect(xml.steps.map(\.name) == ["Tools"])
        let tools = try #require(xml.steps.first)
        #expect(tools.isGroup && tools.description == "Things to run")
        #expect(tools.steps.map(\.name) == ["Restart", "Say goodbye"])
        let restartStep = tools.steps[0], goodbye = tools.steps[1]
        #expect(!restartStep.isEnabled)
        #expect(goodbye.className == Self.runCommandLine && goodbye.continueOnError && goodbye.isEnabled)
        #expect(goodbye.setting("CommandLine") == "cmd /c echo bye")
        #expect(goodbye.actionCommandLine == "smsswd.exe /run: cmd /c echo bye")
        let operands = try #require(goodbye.condition).operands
        guard operands.count == 1, case .operator(let orOperator) = operands[0] else {
            Issue.record("expected one 'or' operator, found \(operands)")
            return
        }
        #expect(orOperator.operatorType == "or")
        guard orOperator.operands.count == 1, case .expression(let expression) = orOperator.operands[0] else {
            Issue.record("expected one expression under 'or', found \(orOperator.operands)")
            return
        }
        #expect(expression.className == Self.variableExpression)
        #expect(expression["Variable"] == "_SMSTSInWinPE" && expression["Operator"] == "equals" && expression["Value"] == "false")
    }

    @Test func conditionOperandsAreEditedThroughTheirProperties() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let (package, restart) = try Self.packageWithRestart(client)
        let conditionPath = try restart.appending("Condition")
        let condition = client.proxy(conditionPath)
        let and = try condition.call(Provider.conditionInterface, "AddOperator", [.objectPath(conditionPath), .string("and")]).decode(ObjectPath.self)
        let expression = try condition.call(Provider.conditionInterface, "AddExpression", [
            .objectPath(and), .string(Self.variableExpression),
            .stringVariantDictionary(["Operator": .string("exists"), "Variable": .string("A")]),
        ]).decode(ObjectPath.self)

        try client.set("OperatorType", of: Provider.operatorInterface, at: and, to: .string("not"))
        try client.set("Properties", of: Provider.expressionInterface, at: expression,
                       to: .stringVariantDictionary(["Operator": .string("notExists"), "Variable": .string("B")]))
        #expect(try client.property("Properties", of: Provider.expressionInterface, at: expression).stringKeyedEntries
                == ["Operator": .string("notExists"), "Variable": .string("B")])
        #expect(try client.string("Text", of: Provider.conditionInterface, at: conditionPath).contains("B"))

        var step = try #require(try client.sequence(package).steps.first)
        guard case .operator(let not)? = step.condition?.operands.first, case .expression(let test)? = not.operands.first else {
            Issue.record("expected not(expression), found \(String(describing: step.condition))")
            return
        }
        #expect(not.operatorType == "not")
        #expect(test["Variable"] == "B" && test["Operator"] == "notExists")

        _ = try condition.call(Provider.conditionInterface, "Clear")
        step = try #require(try client.sequence(package).steps.first)
        #expect(step.condition == nil)
        #expect(try client.property("Condition", of: Provider.stepInterface, at: restart) == .objectPath(.root))
    }

    @Test func deletingAGroupRemovesItsStepsAndTheirObjects() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let (package, restart) = try Self.packageWithRestart(client)
        let sequencePath = try ProviderClient.sequencePath(package)
        let group = try client.proxy(sequencePath).call(Provider.sequenceInterface, "AddGroup", [
            .string("Doomed"), .stringVariantDictionary([:]), .int32(-1),
        ]).decode(ObjectPath.self)
        let inner = try client.proxy(group).call(Provider.groupInterface, "AddStep", [
            .string(Self.runCommandLine), .stringVariantDictionary(["Name": .string("Inner"), "CommandLine": .string("x.exe")]), .int32(-1),
        ]).decode(ObjectPath.self)
        let versionBefore = try client.sourceVersion(package)

        _ = try client.proxy(group).call(Provider.stepInterface, "Delete")

        #expect(try client.paths("Steps", of: Provider.sequenceInterface, at: sequencePath) == [restart])
        #expect(try client.sequence(package).steps.map(\.name) == ["Restart"])
        #expect(try client.sourceVersion(package) == versionBefore + 1)
        for gone in [group, inner] {
            #expect(throws: DBusError.unknownObject("no object at \(gone)")) {
                _ = try client.property("Name", of: Provider.stepInterface, at: gone)
            }
        }
    }

    @Test func packagePropertiesAreWrittenWithPropertiesSet() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let (package, _) = try Self.packageWithRestart(client)
        try client.set("Name", of: Provider.packageInterface, at: package, to: .string("Renamed over D-Bus"))
        try client.set("Duration", of: Provider.packageInterface, at: package, to: .uint32(45))
        let all = try client.proxy(package).allProperties(of: Provider.packageInterface)
        #expect(all["Name"]?.unwrappingVariant == .string("Renamed over D-Bus"))
        #expect(all["Duration"]?.unwrappingVariant == .uint32(45))
        #expect(all["SourceVersion"]?.unwrappingVariant == .uint32(3))
        #expect {
            try client.set("SourceVersion", of: Provider.packageInterface, at: package, to: .uint32(99))
        } throws: { error in
            (error as? DBusError)?.name == "org.freedesktop.DBus.Error.PropertyReadOnly"
        }
        #expect(try client.sourceVersion(package) == 3)
    }
}
