import Foundation
import TaskSequenceXML
import Testing
import TestSupport

/// `tsctl step list|add|set|move|remove|enable|disable`.
@Suite struct StepCommandTests {
    /// Imports `file` and returns the new PackageID.
    static func importPackage(_ cli: TSCtlDaemon, _ file: String) throws -> String {
        String(try cli.succeed("import", file).prefix(8))
    }

    @Test func listShowsTheTreeAsTheFileHasIt() throws {
        try withDaemon { cli in
            let id = try Self.importPackage(cli, CLIFixtures.mdt)
            let document = try #require(try TaskSequenceReader().documents(from: Data(contentsOf: URL(fileURLWithPath: CLIFixtures.mdt))).first)
            let counts = document.sequence.counts

            let flat = try jsonArray(try cli.json("step", "list", id))
            #expect(flat.filter { $0["IsGroup"] as? Bool == true }.count == counts.groups)
            #expect(flat.filter { $0["IsGroup"] as? Bool == false }.count == counts.steps)
            #expect(flat.filter { $0["Condition"] is String }.count == counts.conditions)
            for key in ["StepID", "PackageID", "ClassName", "Name", "Enabled", "ContinueOnError", "ParentStepID", "Index", "Condition", "Settings"] {
                #expect(flat.allSatisfy { $0.keys.contains(key) }, "a step lacks \(key)")
            }

            let nested = try jsonArray(try cli.json("step", "list", id, "--tree"))
            #expect(nested.count == document.sequence.steps.count)
            func count(_ nodes: [[String: Any]]) -> Int { nodes.count + nodes.reduce(0) { $0 + count(($1["Steps"] as? [[String: Any]]) ?? []) } }
            #expect(count(nested) == flat.count)

            let table = try cli.succeed("step", "list", id).split(separator: "\n")
            #expect(table.first?.hasPrefix("ID") == true)
            #expect(table.count == flat.count + 1)

            let tree = try cli.succeed("step", "list", id, "--tree").split(separator: "\n").map(String.init)
            #expect(tree.first == "\(id)  Standard Server Task Sequence")
            #expect(tree.count == flat.count + 1)
            #expect(tree.dropFirst().allSatisfy { $0.contains("── [") })
            // Conditions and flags appear on their steps' lines.
            #expect(tree.contains { $0.contains("Validation (Group)  if PHASE equals") })
            #expect(tree.contains { $0.contains("[continue on error]") })
            let lastTop = try #require(tree.lastIndex { $0.hasPrefix("└── ") })
            #expect(tree[(lastTop + 1)...].allSatisfy { $0.hasPrefix("    ") }, "only the last top-level step's subtree follows it")
        }
    }

    @Test func addGroupsAndActionsWithSettingsThenEditThem() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Steps")
            let group = try cli.succeed("step", "add", id, "group", "--name", "Diagnostics", "--description", "collect", "--continue-on-error")
            let run = try cli.succeed("step", "add", id, "run-command-line", "--name", "Show network", "--parent", group,
                                      "--set", "CommandLine=ipconfig /all", "--set", "SuccessCodes=0 1", "--environment", "FullOS", "--timeout", "600")
            let variable = try jsonObject(try cli.json("step", "add", id, "Set Task Sequence Variable", "--name", "Name it", "--index", "0",
                                                       "--set", "VariableName=OSDComputerName", "--set", "VariableValue=PC-001", "--disabled"))
            #expect(variable["ClassName"] as? String == "SMS_TaskSequence_SetVariableAction")
            #expect(variable["Enabled"] as? Bool == false)
            #expect(int(variable["Index"]) == 0)
            let restart = try cli.succeed("step", "add", id, "restart", "--name", "Restart", "--set", "Target=WinPE")
            #expect(try cli.succeed("step", "add", id, "SMS_TaskSequence_PartitionDiskAction", "--name", "Partition",
                                    "--set", "DiskIndex=0", "--set", "PartitionStyle=GPT", "--set", "Partitions=1",
                                    "--set", "Partitions0Type=Primary", "--set", "Partitions0FileSystem=NTFS").count > 0)

            var steps = try jsonArray(try cli.json("step", "list", id))
            #expect(steps.compactMap { $0["Name"] as? String } == ["Name it", "Diagnostics", "Show network", "Restart", "Partition"])
            let shown = try #require(steps.first { int($0["StepID"]) == Int64(run) })
            #expect(int(shown["ParentStepID"]) == Int64(group))
            #expect(shown["SupportedEnvironment"] as? String == "FullOS")
            #expect(int(shown["Timeout"]) == 600)
            let settings = try #require(shown["Settings"] as? [String: Any])
            #expect(settings["CommandLine"] as? String == "ipconfig /all")
            #expect(settings["SuccessCodes"] as? String == "0 1")
            #expect((shown["ActionCommandLine"] as? String)?.hasSuffix("ipconfig /all") == true)
            let groupStep = try #require(steps.first { int($0["StepID"]) == Int64(group) })
            #expect(groupStep["ContinueOnError"] as? Bool == true && groupStep["Description"] as? String == "collect")

            try cli.succeed("step", "set", id, run, "--name", "Show IP", "--set", "CommandLine=ipconfig", "--set", "WorkingDirectory=C:\\",
                            "--continue-on-error", "true", "--timeout", "60")
            try cli.succeed("step", "set", id, run, "--unset", "WorkingDirectory")
            try cli.succeed("step", "disable", id, run, restart)
            try cli.succeed("step", "enable", id, restart)
            steps = try jsonArray(try cli.json("step", "list", id))
            let edited = try #require(steps.first { int($0["StepID"]) == Int64(run) })
            #expect(edited["Name"] as? String == "Show IP")
            #expect(edited["ContinueOnError"] as? Bool == true && edited["Enabled"] as? Bool == false)
            #expect(int(edited["Timeout"]) == 60)
            #expect((edited["Settings"] as? [String: Any])?["CommandLine"] as? String == "ipconfig")
            #expect((edited["Settings"] as? [String: Any])?["WorkingDirectory"] == nil)
            #expect(steps.first { int($0["StepID"]) == Int64(restart) }?["Enabled"] as? Bool == true)
            let tree = try cli.succeed("step", "list", id, "--tree")
            #expect(tree.contains("[\(run)] Show IP (Run Command Line)  [disabled, continue on error]"))
        }
    }

    @Test func moveAndRemoveKeepIDs() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Moves")
            let a = try cli.succeed("step", "add", id, "group", "--name", "A")
            let b = try cli.succeed("step", "add", id, "group", "--name", "B")
            let step = try cli.succeed("step", "add", id, "run-command-line", "--name", "S", "--parent", a, "--set", "CommandLine=cmd")
            try cli.succeed("step", "move", id, step, "--parent", b)
            var nested = try jsonArray(try cli.json("step", "list", id, "--tree"))
            #expect((nested[1]["Steps"] as? [[String: Any]])?.compactMap { int($0["StepID"]) } == [Int64(step)])
            try cli.succeed("step", "move", id, step, "--top", "--index", "0")
            try cli.succeed("step", "move", id, b, "--index", "0")
            nested = try jsonArray(try cli.json("step", "list", id, "--tree"))
            #expect(nested.compactMap { $0["Name"] as? String } == ["B", "S", "A"])
            #expect(nested.compactMap { int($0["StepID"]) } == [Int64(b), Int64(step), Int64(a)])

            try cli.succeed("step", "remove", id, step, a)
            #expect(try jsonArray(try cli.json("step", "list", id)).compactMap { $0["Name"] as? String } == ["B"])
        }
    }

    @Test func stepErrors() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Errors")
            let step = try cli.succeed("step", "add", id, "run-command-line", "--name", "S", "--set", "CommandLine=cmd")
            try cli.fail(["step", "add", id, "nonsense", "--name", "x"], status: 2, mentions: ["nonsense", "RunCommandLine"])
            try cli.fail(["step", "add", id, "group"], status: 2, mentions: ["--name"])
            try cli.fail(["step", "add", id, "group", "--name", "G", "--set", "X=1"], status: 2)
            try cli.fail(["step", "add", id, "run-command-line", "--name", "x", "--set", "NoSuchSetting=1"], mentions: ["package \(id)", "NoSuchSetting"])
            try cli.fail(["step", "add", id, "run-command-line", "--name", "x", "--parent", "999999"], mentions: ["group 999999 of \(id)", "not found"])
            try cli.fail(["step", "set", id, "999999", "--name", "x"], mentions: ["step 999999 of \(id)", "not found"])
            try cli.fail(["step", "set", id, step, "--name", ""], mentions: ["step \(step) of \(id)", "Name"])
            try cli.fail(["step", "set", id, step], status: 2, mentions: ["Nothing to change"])
            try cli.fail(["step", "set", id, step, "--continue-on-error", "maybe"], status: 2)
            try cli.fail(["step", "move", id, step], status: 2)
            try cli.fail(["step", "move", id, step, "--top", "--parent", "1"], status: 2)
            try cli.fail(["step", "disable", id, "999999"], mentions: ["step 999999 of \(id)"])
            try cli.fail(["step", "remove", id], status: 2)
            try cli.fail(["step", "list", id, "extra"], status: 2)
            #expect(try jsonArray(try cli.json("step", "list", id)).count == 1, "failed commands changed nothing")
        }
    }
}
