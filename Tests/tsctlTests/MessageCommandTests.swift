import Foundation
import Testing
import TestSupport

/// tsctl's error lines (issue 17, item 7): the property once, its class, a suggestion for a
/// misspelt name, and never D-Bus wording.
@Suite struct MessageCommandTests {
    @Test func errorLinesArePlainAndExact() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Messages")
            let script = try cli.succeed("step", "add", id, "SMS_TaskSequence_RunPowerShellScriptAction", "--name", "Script",
                                         "--set", "SourceScript=Write-Host hi", "--set", "Parameters=-Verbose", "--set", "ExecutionPolicy=Bypass")
            let group = try cli.succeed("step", "add", id, "group", "--name", "G")
            let subject = "tsctl: step \(script) of \(id): "
            let valueMap = "'Yolo' is not in ValueMap {Restricted, AllSigned, RemoteSigned, Unrestricted, Bypass, Undefined} (SMS_TaskSequence_RunPowerShellScriptAction)"
            #expect(try cli.fail(["step", "set", id, script, "--set", "ExecutionPolicy=Yolo"]).trimmingCharacters(in: .newlines)
                    == subject + "ExecutionPolicy: " + valueMap)
            #expect(try cli.fail(["step", "set", id, script, "--set", "Parameter=-Debug"]).trimmingCharacters(in: .newlines)
                    == subject + "no property Parameter on SMS_TaskSequence_RunPowerShellScriptAction; did you mean Parameters?")
            #expect(try cli.fail(["step", "add", id, "SMS_TaskSequence_RunPowerShellScriptAction", "--name", "Bad",
                                  "--set", "ExecutionPolicy=Yolo", "--set", "SourceScript=x", "--set", "Parameters=y"]).trimmingCharacters(in: .newlines)
                    == "tsctl: package \(id): ExecutionPolicy: " + valueMap)
            for setting in [["--set", "CommandLine=x"], ["--timeout", "5"], ["--environment", "WinPE"]] {
                let line = try cli.fail(["step", "set", id, group] + setting)
                #expect(line.trimmingCharacters(in: .newlines) == "tsctl: step \(group) of \(id): step \(group) is a group: it has no settings, environment or time-out")
                #expect(!line.contains("org.") && !line.contains("interface"))
            }
        }
    }
}
