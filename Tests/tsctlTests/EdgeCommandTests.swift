import Foundation
import Testing
import TestSupport

/// tsctl at the edges: output that cannot be written, and errors that name the object that is
/// missing or of the wrong kind.
@Suite struct EdgeCommandTests {
    /// Runs tsctl with standard output on `/dev/full` (every write fails with ENOSPC).
    private func intoFullDevice(_ arguments: [String]) throws -> CommandResult {
        let tsctl = try CommandRunner.builtProduct(named: "tsctl").path
        let quoted = ([tsctl] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "exec \(quoted) > /dev/full"])
    }

    private func expectOneLineAboutStandardOutput(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "exit \(result.status): \(result.errorOutput)", sourceLocation: sourceLocation)
        #expect(result.errorLines == ["tsctl: cannot write to standard output: No space left on device"],
                "stderr: \(result.errorOutput)", sourceLocation: sourceLocation)
    }

    @Test func xmlCheckIntoAFullDeviceIsOneLineAndExitOne() throws {
        expectOneLineAboutStandardOutput(try intoFullDevice(["xml", "check", CLIFixtures.mdt]))
    }

    @Test func helpIntoAFullDeviceIsOneLineAndExitOne() throws {
        expectOneLineAboutStandardOutput(try intoFullDevice(["--help"]))
        expectOneLineAboutStandardOutput(try intoFullDevice(["step", "--help"]))
    }

    /// `--output` onto a device writes into it; it never replaces the device with a file. The
    /// devices are made in a temporary directory (as /dev/full and /dev/null are: 1,7 and 1,3).
    @Test func convertOntoADeviceWritesIntoItAndKeepsIt() throws {
        let directory = try TemporaryDirectory()
        let full = directory.path + "/full", null = directory.path + "/null"
        // glibc's makedev() for major 1 (a macro Swift cannot call).
        try #require(mknod(full, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0 && mknod(null, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0,
                 "mknod: \(String(cString: strerror(errno)))")
        let failed = try TSCtlFixtures.tsctl("xml", "convert", CLIFixtures.mdt, "--to", "sequence", "--output", full)
        #expect(failed.status == 1)
        #expect(failed.errorLines == ["tsctl: \(full): cannot write the file: No space left on device"], "\(failed.errorOutput)")
        let written = try TSCtlFixtures.tsctl("xml", "convert", CLIFixtures.mdt, "--to", "sequence", "--output", null)
        #expect(written.status == 0 && written.errorOutput.isEmpty, "\(written.errorOutput)")
        for device in [full, null] {
            var status = stat()
            #expect(stat(device, &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR, "\(device) is no longer a device")
        }
    }

    @Test func exportIntoAFullDeviceIsOneLineAndExitOne() throws {
        try withDaemon { cli in
            let id = try cli.succeed("import", CLIFixtures.mdt).prefix(8)
            expectOneLineAboutStandardOutput(try intoFullDevice(["export", String(id), "--address", cli.daemon.address]))
            expectOneLineAboutStandardOutput(try intoFullDevice(["step", "list", String(id), "--json", "--address", cli.daemon.address]))
        }
    }

    @Test func errorsNameTheParentThatIsMissingOrNotAGroup() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Edges")
            let action = try cli.succeed("step", "add", id, "run-command-line", "--name", "A", "--set", "CommandLine=cmd")
            let group = try cli.succeed("step", "add", id, "group", "--name", "G")
            let moved = try cli.fail(["step", "move", id, action, "--parent", "99999"])
            #expect(moved == "tsctl: step \(action) of \(id): parent group 99999 of package \(id) does not exist")
            let added = try cli.fail(["step", "add", id, "group", "--name", "X", "--parent", action])
            #expect(added.hasSuffix(": step \(action) is an action, not a group"), "\(added)")
            let operand = try cli.fail(["condition", "add", id, action, "variable", "X", "exists", "--parent", "99999"])
            #expect(operand.hasSuffix("parent operator 99999 of the condition of step \(action) in package \(id) does not exist"), "\(operand)")
            let settings = try cli.fail(["step", "set", id, group, "--set", "CommandLine=cmd"])
            #expect(settings.hasSuffix(": step \(group) is a group: it has no settings, environment or time-out"), "\(settings)")
            let index = try cli.fail(["step", "move", id, action, "--top", "--index", "1000000"])
            #expect(index.hasSuffix("index 1000000 is out of range: expected -1…2 (-1 appends)"), "\(index)")
        }
    }
}
