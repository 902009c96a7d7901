import Foundation
import TaskSequenceXML
import Testing
import TestSupport

/// Issue 7's "done when", with tsctl alone: import a real task sequence, add a group with a
/// conditioned Run Command Line step inside it, move it, grant a user Read on the package,
/// query for it, and export it back — then, as that user, see that package and nothing else.
@Suite struct DoneWhenScenarioTests {
    static let reader = "tsp-alice"

    @Test func theScenario() throws {
        try SystemPrincipals.user(Self.reader)
        try withDaemon { cli in
            // Packages of root's that the user is not given: what it must not see.
            let other = try cli.succeed("package", "create", "Not shared")
            let chassis = String(try cli.succeed("import", CLIFixtures.chassis, "--name", "Chassis").prefix(8))

            // Import a real task sequence.
            let imported = try cli.succeed("import", CLIFixtures.echo, "--name", "Done when")
            let packageID = String(imported.prefix(8))
            #expect(Set([other, chassis, packageID]).count == 3)
            let before = try jsonArray(try cli.json("step", "list", packageID, "--tree"))
            #expect(!before.isEmpty)

            // A group with a conditioned Run Command Line step inside it.
            let groupID = try cli.succeed("step", "add", packageID, "group", "--name", "Diagnostics", "--description", "added by the tsctl scenario")
            let stepID = try cli.succeed("step", "add", packageID, "run-command-line", "--name", "Save network configuration", "--parent", groupID,
                                         "--set", "CommandLine=cmd /c ipconfig /all > %_SMSTSLogPath%\\ip.txt")
            try cli.succeed("condition", "add", packageID, stepID, "variable", "_SMSTSInWinPE", "equals", "false")

            // Move the group to the top.
            try cli.succeed("step", "move", packageID, groupID, "--top", "--index", "0")
            let tree = try cli.succeed("step", "list", packageID, "--tree").split(separator: "\n").map(String.init)
            #expect(tree[1] == "├── [\(groupID)] Diagnostics (Group)")
            #expect(tree[2].hasPrefix("│   └── [\(stepID)] Save network configuration (Run Command Line)  if _SMSTSInWinPE"))

            // Grant a user Read on the package: its entry sits beside root's creator entry.
            #expect(try cli.succeed("perm", "grant", Self.reader, "Read", packageID) == "\(Self.reader) holds Read on package \(packageID)")
            let entries = try jsonArray(try cli.json("perm", "list", packageID))
            #expect(entries.map { "\($0["UserName"] as? String ?? "?") \(int($0["Permissions"]) ?? -1)" } == ["root 7", "\(Self.reader) 1"])
            #expect(entries.allSatisfy { $0["Scope"] as? String == "instance" && $0["InstanceKey"] as? String == packageID && int($0["ObjectKey"]) == 20 })

            // Query for the step.
            let query = "SELECT * FROM SMS_TaskSequence_RunCommandLineAction WHERE Name = 'Save network configuration'"
            let rows = try jsonArray(try cli.json("query", query))
            #expect(rows.count == 1)
            let relativePath = try #require(rows.first?["__RELPATH"] as? String)
            #expect(relativePath == "SMS_TaskSequence_Step.PackageID=\"\(packageID)\",StepID=\(stepID)")
            #expect(rows.first?["__CLASS"] as? String == "SMS_TaskSequence_RunCommandLineAction")
            #expect(rows.first?["Name"] as? String == "Save network configuration")
            #expect(rows.first?["CommandLine"] as? String == "cmd /c ipconfig /all > %_SMSTSLogPath%\\ip.txt")

            // Export it back, to a file, and read it with the codec.
            let directory = try TemporaryDirectory()
            let file = directory.path + "/done-when.xml"
            try cli.succeed("export", packageID, "-o", file)
            let exported = try String(contentsOfFile: file, encoding: .utf8)
            let document = try #require(try TaskSequenceReader().documents(from: Data(exported.utf8)).first)
            #expect(document.format == .package2007)
            #expect(document.package.name == "Done when")
            #expect(document.sequence.steps.count == before.count + 1)
            let group = try #require(document.sequence.steps.first)
            #expect(group.isGroup && group.name == "Diagnostics" && group.description == "added by the tsctl scenario")
            let step = try #require(group.steps.first)
            #expect(step.name == "Save network configuration" && step.className == "SMS_TaskSequence_RunCommandLineAction")
            #expect(step.condition?.operands.count == 1)
            #expect(exported.contains("_SMSTSInWinPE") && exported.contains("ipconfig /all"))
            let sequence = try cli.succeed("export", packageID, "--format", "sequence")
            #expect(sequence.hasPrefix("<sequence") && sequence.contains("name=\"Diagnostics\""))

            // As the user: that one package, and nothing else.
            let listed = try jsonArray(try cli.json(asUser: Self.reader, "package", "list"))
            #expect(listed.map { $0["PackageID"] as? String } == [packageID])
            let queried = try jsonArray(try cli.json(asUser: Self.reader, "query", "SELECT PackageID FROM SMS_TaskSequencePackage"))
            #expect(queried.map { $0["PackageID"] as? String } == [packageID])
            let steps = try jsonArray(try cli.json(asUser: Self.reader, "query", query))
            #expect(steps.map { $0["__RELPATH"] as? String } == [relativePath])
            try cli.fail(asUser: Self.reader, ["package", "show", other], mentions: ["package \(other)", "not found"])
            // Read held, Modify not.
            #expect(try cli.succeed(asUser: Self.reader, "perm", "check", "Read", packageID) == "granted: Read on package \(packageID); you hold Read")
            #expect(try cli.succeed(asUser: Self.reader, "perm", "check", "Modify", packageID) == "not granted: Modify on package \(packageID); you hold Read")
            let check = try jsonObject(try cli.json(asUser: Self.reader, "perm", "check", "Modify", packageID))
            #expect(check["Granted"] as? Bool == false && int(check["Held"]) == 1 && check["HeldNames"] as? [String] == ["Read"])
        }
    }
}
