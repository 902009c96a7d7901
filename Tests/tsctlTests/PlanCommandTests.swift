import Foundation
import Testing
import TestSupport

/// `tsctl plan`: the tree view and --json, on a real corpus sequence and on one with a masked
/// value.
@Suite struct PlanCommandTests {
    static let upgrade = TSCtlFixtures.path("DeploymentResearch__DRFiles__Misc__Windows10UpgradeTS.zip__SMS_TaskSequencePackage__PS10000E__object.xml")
    static let dellQuery = "wmi:root\\cimv2:SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Latitude E7270%'"

    /// A hidden Set Variable ("Do not display this value"), a copy of it, and a step on the copy.
    static let maskedSequence = """
        <sequence version="3.10"><step type="SMS_TaskSequence_SetVariableAction" name="Hide key"><action>tsenv.exe "JoinKey=" /hiddenflag:true</action>\
        <defaultVarList><variable name="VariableName" property="VariableName" hidden="true">JoinKey</variable>\
        <variable name="VariableValue" property="VariableValue" hidden="true"></variable>\
        <variable name="DoNotShowVariableValue" property="DoNotShowVariableValue" hidden="true">true</variable>\
        <variable name="HiddenVariableValue" property="HiddenVariableValue" hidden="true">s3cr3t-join-key</variable></defaultVarList></step>\
        <step type="SMS_TaskSequence_SetVariableAction" name="Copy key"><action>tsenv.exe "Copy=%JoinKey%"</action><defaultVarList>\
        <variable name="VariableName" property="VariableName" hidden="true">Copy</variable>\
        <variable name="VariableValue" property="VariableValue" hidden="true">%JoinKey%</variable></defaultVarList></step>\
        <step type="SMS_TaskSequence_RunCommandLineAction" name="Join"><condition><expression type="SMS_TaskSequence_VariableConditionExpression">\
        <variable name="Operator">notEquals</variable><variable name="Value">other</variable><variable name="Variable">Copy</variable></expression></condition>\
        <action>cmd /c exit 0</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">cmd /c exit 0</variable></defaultVarList></step></sequence>
        """

    @Test func treeViewMarksEveryStepWithItsReason() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", Self.upgrade).prefix(8))
            let lines = try cli.succeed("plan", id).split(separator: "\n").map(String.init)
            #expect(Array(lines.prefix(6)) == [
                "Plan of \(id)", "Environment:", "  _SMSTSPackageID = \(id)  [built-in]",
                "  _SMSTSPackageName = Windows 10 Enterprise x64 v1607 Upgrade  [built-in]",
                "  _SMSTSType = 2  [built-in]", "  _SMSTSSiteCode = PS1  [built-in]",
            ])
            let group = try #require(lines.firstIndex { $0.hasPrefix("  ? unknown  Upgrade the Operating System (group) [") })
            #expect(lines[group + 1] == "        unknown: _SMSTSOSUpgradeActionReturnCode equals \"3247440400\" — _SMSTSOSUpgradeActionReturnCode is set by the engine at run time — supply --var _SMSTSOSUpgradeActionReturnCode=VALUE")
            #expect(lines.contains { $0.hasPrefix("    ✓ run  Check Readiness for Upgrade [") })
            #expect(lines.last == "Outcome: the sequence completes")

            // The advice for an unknown WMI query, pasted into a shell as printed, decides it.
            let dell = try #require(lines.firstIndex { $0.hasPrefix("      ? unknown  Dell Latitude E7270 [") })
            let advice = try #require(lines[dell + 1].range(of: "supply --fact ").map { lines[dell + 1][$0.upperBound...] })
            let quoted = try #require(advice.range(of: " (or none)").map { String(advice[..<$0.lowerBound]) })
            #expect(quoted == "'wmi:root\\cimv2:SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '\\''%Latitude E7270%'\\''=rows'")
            let tsctl = try CommandRunner.builtProduct(named: "tsctl").path
            let shell = try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), [
                "-c", "'\(tsctl)' plan \(id) --address '\(cli.daemon.address)' --var _SMSTSOSUpgradeActionReturnCode=3247440400 --fact \(quoted)",
            ])
            #expect(shell.status == 0, "\(shell.errorOutput)")
            #expect(shell.output.contains("      ✓ run  Dell Latitude E7270 ["), "\(shell.output)")

            // A failure outside any group that continues on error ends the run.
            let failed = try cli.succeed(
                "plan", id, "--var", "_SMSTSOSUpgradeActionReturnCode=3247440400", "--var", "_SMSTSSetupRollback=false",
                "--fact", Self.dellQuery + "=rows", "--fail", "Upgrade Operating System").split(separator: "\n").map(String.init)
            let upgrade = try #require(failed.firstIndex { $0.hasPrefix("    ✓ run  Upgrade Operating System [") })
            #expect(failed[upgrade].hasSuffix("] (assumed to fail)"))
            #expect(failed[upgrade + 1] == "          no condition; assumed to fail (--fail): its group stops")
            let rollback = try #require(failed.firstIndex { $0.hasPrefix("  ✗ skip  Rollback (group) [") })
            #expect(failed[rollback + 1] == "        not reached: step 'Upgrade Operating System' failed")
            #expect(failed.last == "Outcome: the sequence fails: step 'Upgrade Operating System' failed and no group around it continues on error")
        }
    }

    @Test func jsonHasTheEnvironmentAndEveryStep() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", Self.upgrade).prefix(8))
            let plan = try jsonObject(try cli.json(
                "plan", id, "--var", "_SMSTSOSUpgradeActionReturnCode=3247440400", "--var", "_SMSTSSetupRollback=true",
                "--fact", Self.dellQuery + "=none", "--fail", "HP EliteBook 8560w"))
            #expect(plan["Package"] as? String == id)
            let environment = try jsonArray(try #require(plan["Environment"]))
            let rollback = try #require(environment.first { $0["Name"] as? String == "_SMSTSSetupRollback" })
            #expect(rollback["Value"] as? String == "true" && rollback["Source"] as? String == "command line")
            #expect(rollback["SourceKind"] as? String == "commandLine" && rollback["Masked"] as? Bool == false)
            #expect((rollback["Overrides"] as? [Any])?.isEmpty == true)
            #expect((plan["Conflicts"] as? [Any])?.isEmpty == true)
            let steps = try jsonArray(try #require(plan["Steps"]))
            #expect(steps.count == 14)
            let ids = try jsonArray(try cli.json("step", "list", id)).compactMap { int($0["StepID"]) }
            #expect(Set(steps.compactMap { int($0["StepID"]) }) == Set(ids))
            func step(_ name: String) throws -> [String: Any] { try #require(steps.first { $0["Name"] as? String == name }) }
            #expect(try step("Dell Latitude E7270")["Decision"] as? String == "skip")
            #expect(try step("Dell Latitude E7270")["Reason"] as? String == "condition false: WMI root\\cimv2 \"SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Latitude E7270%'\" (from --fact \(Self.dellQuery))")
            #expect(try step("Dell Latitude E7270")["Path"] as? String == "group[2]/group[1]/step[1]")
            #expect(int(try step("Dell Latitude E7270")["Depth"]) == 2)
            #expect(try step("Dell Latitude E7270")["Class"] as? String == "SMS_TaskSequence_DownloadPackageContentAction")
            // HP's condition is unknown, so its assumed failure may or may not happen: the rest
            // of its group (continue on error) is unknown, the sequence goes on.
            #expect(try step("HP EliteBook 8560w")["Decision"] as? String == "unknown")
            #expect(try step("HP EliteBook 8560w")["AssumedToFail"] as? Bool == true)
            #expect(try step("Instruct setup to install drivers if available")["Decision"] as? String == "unknown")
            #expect(try step("Upgrade Operating System")["Decision"] as? String == "run")
            #expect(try step("Post-Processing")["Decision"] as? String == "skip")
            #expect(try step("Rollback")["Decision"] as? String == "run")
            #expect(try step("Rollback")["IsGroup"] as? Bool == true)
            let outcome = try jsonObject(try #require(plan["Outcome"]))
            #expect(outcome["Result"] as? String == "completes" && outcome["Step"] is NSNull)
        }
    }

    @Test func maskedValuesNeverAppear() throws {
        try withDaemon { cli in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("plan-masked-\(UUID().uuidString).xml")
            try Data(Self.maskedSequence.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let id = String(try cli.succeed("import", file.path).prefix(8))
            let text = try cli.succeed("plan", id)
            let json = try cli.tsctl("plan", id, "--json")
            #expect(json.status == 0)
            for output in [text, json.output] { #expect(!output.contains("s3cr3t"), "\(output)") }
            #expect(text.contains("        no condition; sets JoinKey = (masked)"))
            #expect(text.contains("        condition true: Copy notEquals \"other\" (value: (masked), from step 'Copy key')"))
        }
    }

    @Test func badInputIsOneErrorLine() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", Self.upgrade).prefix(8))
            try cli.fail(["plan", id, "--fact", "disk:C=yes"], mentions: ["--fact", "disk:C"])
            try cli.fail(["plan", id, "--fact", "file:C:\\x=maybe"], mentions: ["--fact", "file:C:\\x=maybe"])
            try cli.fail(["plan", id, "--fail", "Nope"], mentions: ["package \(id)", "no step 'Nope'"])
            try cli.fail(["plan", id, "--computer", "PC9"], mentions: ["package \(id)", "SMS_R_System.Name=\"PC9\" does not exist"])
            try cli.fail(["plan", "PS1FFFFF"], mentions: ["package PS1FFFFF", "not found"])
        }
    }
}
