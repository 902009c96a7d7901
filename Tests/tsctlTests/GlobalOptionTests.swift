import Foundation
import Testing
import TestSupport

/// Global options, bus choice, exit codes, help, completions and the manual's source.
@Suite struct GlobalOptionTests {
    @Test func globalOptionsMayComeBeforeTheCommand() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Early")
            let result = try TSCtlFixtures.tsctl("--json", "--address", cli.daemon.address, "package", "list")
            #expect(result.status == 0, "\(result.errorOutput)")
            let list = try jsonArray(try JSONSerialization.jsonObject(with: result.standardOutput))
            #expect(list.compactMap { $0["PackageID"] as? String } == [id])
            let equals = try TSCtlFixtures.tsctl("--address=\(cli.daemon.address)", "package", "show", id)
            #expect(equals.status == 0 && equals.output.contains("Early"))
        }
    }

    @Test func theBusAddressComesFromTheEnvironmentToo() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "From env")
            let tsctl = try CommandRunner.builtProduct(named: "tsctl").path
            var environment = ProcessInfo.processInfo.environment
            environment["TSPROVIDER_BUS_ADDRESS"] = cli.daemon.address
            let run = try runTool(tsctl, ["package", "show", id, "--json"], environment: environment)
            #expect(run.succeeded, "\(run)")
            #expect(run.standardOutput.contains("\"From env\""))
            // An explicit --address wins over the environment.
            environment["TSPROVIDER_BUS_ADDRESS"] = "unix:path=/tmp/no-such-bus"
            let explicit = try runTool(tsctl, ["package", "show", id, "--address", cli.daemon.address], environment: environment)
            #expect(explicit.succeeded, "\(explicit)")
        }
    }

    @Test func anUnreachableServiceIsOneLineAndExitOne() throws {
        let result = try TSCtlFixtures.tsctl("package", "list", "--address", "unix:path=/tmp/no-such-tsprovider-bus")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.hasPrefix("tsctl: packages: ") == true)
        #expect(result.errorOutput.contains("/tmp/no-such-tsprovider-bus"))
        #expect(result.output.isEmpty)
    }

    @Test func aStoppedDaemonIsReportedAfterAShortWait() throws {
        try withDaemon { cli in
            cli.daemon.stopDaemon()
            let line = try cli.fail(["package", "show", "PS100001"], mentions: ["package PS100001", "org.tsprovider.Provider1 is not running"])
            #expect(line.contains(cli.daemon.address))
        }
    }

    @Test func usageErrorsExitTwoWithOneLine() throws {
        for arguments in [["--system", "--session", "package", "list"], ["bogus"], ["package", "list", "--address"], ["step", "add"],
                          ["--json"], ["export", "PS100001", "--format"]] {
            let result = try TSCtlFixtures.tsctl(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.errorOutput)")
            #expect(result.errorLines.count == 1, "\(arguments): \(result.errorOutput)")
            #expect(result.errorLines.first?.hasPrefix("tsctl: ") == true)
            #expect(result.output.isEmpty)
        }
    }

    @Test func helpListsEveryCommand() throws {
        let help = try TSCtlFixtures.tsctl("--help")
        #expect(help.status == 0)
        for command in ["package", "import", "export", "step", "condition", "perm", "query", "class", "watch", "xml"] {
            #expect(help.output.contains("  \(command) "), "help lacks \(command)")
        }
        for (group, subcommands) in [("package", ["list", "show", "create", "set", "delete"]),
                                      ("step", ["list", "add", "set", "move", "remove", "enable", "disable"]),
                                      ("condition", ["show", "add", "remove", "clear"]), ("perm", ["list", "grant", "revoke", "check"]),
                                      ("class", ["list", "show"]), ("xml", ["check", "convert"])] {
            let result = try TSCtlFixtures.tsctl(group, "--help")
            #expect(result.status == 0)
            for subcommand in subcommands { #expect(result.output.contains("  \(subcommand) "), "\(group) help lacks \(subcommand)") }
        }
        let stepList = try TSCtlFixtures.tsctl("step", "list", "--help")
        for option in ["--tree", "--json", "--system", "--session", "--address"] { #expect(stepList.output.contains(option)) }
    }

    @Test func completionScriptsForBashZshAndFish() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try TSCtlFixtures.tsctl("--generate-completion-script", shell)
            #expect(result.status == 0, "\(shell): \(result.errorOutput)")
            // Fish names long options without their dashes (`-l tree`).
            for word in ["package", "condition", "perm", "watch", "tree", "address"] {
                #expect(result.output.contains(word), "\(shell) completion lacks \(word)")
            }
        }
        let bash = try TSCtlFixtures.tsctl("--generate-completion-script", "bash")
        let directory = try TemporaryDirectory()
        try writeTextFile(directory.path + "/tsctl.bash", bash.output)
        let syntax = try runTool("/bin/bash", ["-n", directory.path + "/tsctl.bash"])
        #expect(syntax.succeeded, "\(syntax)")
    }

    @Test func theManualSourceCoversTheWholeCommandTree() throws {
        // What the generate-manual plugin (make docs) reads.
        let result = try TSCtlFixtures.tsctl("--experimental-dump-help")
        #expect(result.status == 0)
        let root = try jsonObject(try JSONSerialization.jsonObject(with: result.standardOutput))
        let command = try #require(root["command"] as? [String: Any])
        func names(_ command: [String: Any], prefix: String) -> [String] {
            let name = prefix.isEmpty ? (command["commandName"] as? String ?? "") : prefix + " " + (command["commandName"] as? String ?? "")
            return [name] + ((command["subcommands"] as? [[String: Any]]) ?? []).flatMap { names($0, prefix: name) }
        }
        let all = Set(names(command, prefix: ""))
        for expected in ["tsctl package list", "tsctl import", "tsctl export", "tsctl step list", "tsctl step move", "tsctl condition add",
                         "tsctl perm grant", "tsctl perm check", "tsctl query", "tsctl class show", "tsctl watch", "tsctl xml convert"] {
            #expect(all.contains(expected), "the manual would lack \(expected)")
        }
    }
}
