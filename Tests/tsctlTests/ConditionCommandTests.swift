import Foundation
import Testing
import TestSupport

/// `tsctl condition show|add|remove|clear`.
@Suite struct ConditionCommandTests {
    @Test func buildShowRemoveAndClearACondition() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Conditions")
            let step = try cli.succeed("step", "add", id, "run-command-line", "--name", "Guarded", "--set", "CommandLine=cmd")
            #expect(try cli.succeed("condition", "show", id, step) == "step \(step) has no condition: it always runs")
            let none = try jsonObject(try cli.json("condition", "show", id, step))
            #expect(none["Text"] is NSNull && (none["Operands"] as? [Any])?.isEmpty == true)

            let variable = try cli.succeed("condition", "add", id, step, "variable", "_SMSTSInWinPE", "equals", "false")
            let or = try cli.succeed("condition", "add", id, step, "or")
            let file = try cli.succeed("condition", "add", id, step, "file", #"C:\Windows\notepad.exe"#, "--parent", or,
                                       "--set", "Version=10.0", "--set", "VersionOperator=greaterEqual")
            let registry = try cli.succeed("condition", "add", id, step, "registry", #"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso"#, "notExists", "--parent", or)
            let wmi = try jsonArray(try cli.json("condition", "add", id, step, "wmi", "SELECT * FROM Win32_Battery"))
            #expect(wmi.first?["ClassName"] as? String == "SMS_TaskSequence_WMIConditionExpression")
            #expect((wmi.first?["Properties"] as? [String: Any])?["Namespace"] as? String == #"root\cimv2"#)
            try cli.succeed("condition", "add", id, step, "not")
            try cli.succeed("condition", "add", id, step, "software", "{23170F69-40C1-2702-2201-000001000000}", "this")
            try cli.succeed("condition", "add", id, step, "os", "win10", "win11")
            try cli.succeed("condition", "add", id, step, "variable", "Model", "like", "Virtual*")
            try cli.succeed("condition", "add", id, step, "folder", #"C:\Drivers"#)

            let shown = try jsonObject(try cli.json("condition", "show", id, step))
            #expect(int(shown["StepID"]) == Int64(step))
            let text = try #require(shown["Text"] as? String)
            #expect(text.contains("_SMSTSInWinPE"))
            let operands = try #require(shown["Operands"] as? [[String: Any]])
            #expect(operands.count == 8)
            #expect(int(operands[0]["OperandID"]) == Int64(variable))
            #expect(operands[0]["OperatorType"] is NSNull)
            #expect((operands[0]["Properties"] as? [String: Any])?["Variable"] as? String == "_SMSTSInWinPE")
            #expect(operands[1]["OperatorType"] as? String == "or")
            let inside = try #require(operands[1]["Operands"] as? [[String: Any]])
            #expect(inside.compactMap { int($0["OperandID"]) } == [Int64(file), Int64(registry)])
            #expect((inside[1]["Properties"] as? [String: Any])?["Operator"] as? String == "nonExists")
            #expect(operands[3]["OperatorType"] as? String == "not")
            #expect(operands[5]["OperatorType"] as? String == "or", "os is an or of WMI queries")

            let human = try cli.succeed("condition", "show", id, step).split(separator: "\n").map(String.init)
            #expect(human.first == "if \(text)")
            #expect(human.contains { $0.hasPrefix("  [\(or)] or") })
            #expect(human.contains { $0.hasPrefix("    [\(file)] File ") && $0.contains("VersionOperator=greaterEqual") })

            let tree = try cli.succeed("step", "list", id, "--tree")
            #expect(tree.contains("Guarded (Run Command Line)  if \(text)"))

            try cli.succeed("condition", "remove", id, step, or, variable)
            #expect((try jsonObject(try cli.json("condition", "show", id, step))["Operands"] as? [Any])?.count == 6)
            try cli.succeed("condition", "clear", id, step)
            #expect(try cli.succeed("condition", "show", id, step).hasSuffix("has no condition: it always runs"))
        }
    }

    @Test func conditionErrors() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Conditions")
            let step = try cli.succeed("step", "add", id, "run-command-line", "--name", "S", "--set", "CommandLine=cmd")
            try cli.fail(["condition", "add", id, step, "weather", "sunny"], status: 2, mentions: ["weather", "variable"])
            try cli.fail(["condition", "add", id, step, "variable", "X", "sortOf", "1"], status: 2, mentions: ["sortOf"])
            try cli.fail(["condition", "add", id, step, "variable", "X"], status: 2, mentions: ["NAME OPERATOR"])
            try cli.fail(["condition", "add", id, step, "and", "extra"], status: 2)
            try cli.fail(["condition", "add", id, step, "os", "win95"], status: 2, mentions: ["win95"])
            try cli.fail(["condition", "add", id, "999999", "variable", "X", "exists"], mentions: ["step 999999 of \(id)", "not found"])
            try cli.fail(["condition", "add", id, step, "variable", "X", "exists", "--parent", "999999"], mentions: ["step \(step) of \(id)"])
            try cli.fail(["condition", "add", id, step, "variable", "X", "like", "a", "--set", "Operator=sortOf"], mentions: ["step \(step) of \(id)", "Operator"])
            try cli.fail(["condition", "remove", id, step, "999999"], mentions: ["operand 999999 of step \(step) of \(id)"])
            try cli.fail(["condition", "show", id, "999999"], mentions: ["step 999999 of \(id)"])
            #expect(try cli.succeed("condition", "show", id, step).hasSuffix("always runs"), "failed commands changed nothing")
        }
    }
}
