import Foundation
import Testing
import TestSupport

/// Issue 13's "done when", with tsctl alone against a real daemon: computers imported one by
/// one and from a CSV with a bad row, collections with direct and query rules, a variable set
/// on a collection and on a computer, a real corpus sequence deployed, and `plan` showing the
/// computer's value winning, a step it skips, an unknown operand named, and a `--fail` path
/// through an error-handler group — on conditions written for the test. Then real users: one
/// without Advertise cannot deploy, one without Read on a collection does not see it; and a
/// masked value appears in no output.
@Suite struct DeploymentDoneWhenTests {
    static let planner = "tsp-planner"
    static let masked = "Planted-DoneWhen-93d1"

    @Test func theScenario() throws {
        try SystemPrincipals.user(Self.planner)
        try withDaemon { cli in
            var outputs: [String] = []
            func keep(_ text: String) -> String {
                outputs.append(text)
                return text
            }

            // A real corpus sequence, with steps and conditions written for the test at its top.
            let package = String(try cli.succeed("import", CLIFixtures.echo, "--name", "Done when 13").prefix(8))
            let prod = try cli.succeed("step", "add", package, "run-command-line", "--name", "Prod settings", "--index", "0", "--set", "CommandLine=cmd /c echo prod")
            try cli.succeed("condition", "add", package, prod, "variable", "TSPRole", "equals", "prod")
            let lab = try cli.succeed("step", "add", package, "run-command-line", "--name", "Lab settings", "--index", "1", "--set", "CommandLine=cmd /c echo lab")
            try cli.succeed("condition", "add", package, lab, "variable", "TSPRole", "equals", "lab")
            let probe = try cli.succeed("step", "add", package, "run-command-line", "--name", "Patch if present", "--index", "2", "--set", "CommandLine=cmd /c patch.cmd")
            try cli.succeed("condition", "add", package, probe, "file", "C:\\Windows\\patch.flag")
            let attempt = try cli.succeed("step", "add", package, "group", "--name", "Try install", "--index", "3", "--continue-on-error")
            try cli.succeed("step", "add", package, "run-command-line", "--name", "Install app", "--parent", attempt, "--set", "CommandLine=cmd /c setup.exe /q")
            let handler = try cli.succeed("step", "add", package, "group", "--name", "Handle failure", "--index", "4")
            try cli.succeed("condition", "add", package, handler, "variable", "_SMSTSLastActionSucceeded", "equals", "false")
            try cli.succeed("step", "add", package, "run-command-line", "--name", "Recover", "--parent", handler, "--set", "CommandLine=cmd /c recover.cmd")

            // Computers: one by one, and a CSV whose bad row is reported by line while the good rows stay.
            try cli.succeed("computer", "import", "PC-LAB", "--mac", "00-15-5D-00-13-01")
            let csvDirectory = try TemporaryDirectory()
            let csv = csvDirectory.path + "/computers.csv"
            try "Name,SMBIOS GUID,MAC Address\nPC-CSV1,,00:15:5D:00:13:11\nBAD NAME!,,00:15:5D:00:13:12\nPC-CSV2,4C4C4544-0013-0000-0000-000000000002,\n"
                .write(toFile: csv, atomically: true, encoding: .utf8)
            try cli.fail(["computer", "import", "--csv", csv], mentions: ["line 3"])
            let computers = try jsonArray(try cli.json("computer", "list")).compactMap { $0["Name"] as? String }
            #expect(Set(computers) == ["PC-LAB", "PC-CSV1", "PC-CSV2"])

            // Collections with a direct rule and a query rule.
            let prodCollection = try cli.succeed("collection", "create", "Production")
            try cli.succeed("collection", "add", prodCollection, "PC-LAB")
            let imported = try cli.succeed("collection", "create", "Imported from CSV")
            try cli.succeed("collection", "add-query", imported, "SELECT * FROM SMS_R_System WHERE Name LIKE 'PC-CSV%'", "--name", "CSV computers")
            let members = try jsonArray(try cli.json("collection", "members", imported)).compactMap { $0["Name"] as? String }
            #expect(Set(members) == ["PC-CSV1", "PC-CSV2"])

            // One name on the collection and on the computer; a masked value beside them.
            try cli.succeed("var", "set", "--collection", prodCollection, "TSPRole=prod")
            try cli.succeed("var", "set", "--computer", "PC-LAB", "TSPRole=lab")
            try cli.succeed("var", "set", "--computer", "PC-LAB", "TSPJoinPassword=\(Self.masked)", "--masked")
            let advertisement = try cli.succeed("deploy", package, prodCollection, "--available", "--show-progress")

            // The plan: the computer's value wins and decides two steps; the file is unknown and named.
            let plan = try jsonObject(try cli.json("plan", package, "--computer", "PC-LAB", "--fail", "Install app"))
            outputs.append(String(describing: plan))
            let environment = try jsonArray(plan["Environment"] as Any)
            let role = try #require(environment.first { $0["Name"] as? String == "TSPRole" })
            #expect(role["Value"] as? String == "lab")
            #expect((role["Source"] as? String)?.contains("PC-LAB") == true)
            #expect((role["Overrides"] as? [String])?.contains { $0.contains("Production") } == true)
            #expect(environment.first { $0["Name"] as? String == "_SMSTSAdvertID" }?["Value"] as? String == advertisement)
            let password = try #require(environment.first { $0["Name"] as? String == "TSPJoinPassword" })
            #expect(password["Masked"] as? Bool == true)
            #expect(password["Value"] is NSNull)

            let steps = try jsonArray(plan["Steps"] as Any)
            func step(_ name: String) throws -> [String: Any] { try #require(steps.first { $0["Name"] as? String == name }) }
            #expect(try step("Prod settings")["Decision"] as? String == "skip")
            #expect((try step("Prod settings")["Reason"] as? String)?.contains("TSPRole") == true)
            #expect(try step("Lab settings")["Decision"] as? String == "run")
            #expect(try step("Patch if present")["Decision"] as? String == "unknown")
            #expect((try step("Patch if present")["Reason"] as? String)?.contains("file:C:\\Windows\\patch.flag") == true)
            #expect(try step("Install app")["Decision"] as? String == "run")
            #expect(try step("Install app")["AssumedToFail"] as? Bool == true)
            #expect(try step("Handle failure")["Decision"] as? String == "run")
            #expect(try step("Recover")["Decision"] as? String == "run")

            // Without the failure the handler is skipped; a supplied fact decides the file.
            let calm = try jsonObject(try cli.json("plan", package, "--computer", "PC-LAB", "--fact", "file:C:\\Windows\\patch.flag=exists"))
            let calmSteps = try jsonArray(calm["Steps"] as Any)
            #expect(calmSteps.first { $0["Name"] as? String == "Handle failure" }?["Decision"] as? String == "skip")
            #expect(calmSteps.first { $0["Name"] as? String == "Patch if present" }?["Decision"] as? String == "run")
            _ = keep(try cli.succeed("plan", package, "--computer", "PC-LAB", "--fail", "Install app"))

            // A user with Read on the package and Create on advertisements, but no Advertise on
            // the collection: deploying is refused, naming the right.
            try cli.succeed("perm", "grant", Self.planner, "Read", package)
            try cli.succeed("perm", "grant", Self.planner, "Create", "SMS_Advertisement")
            try cli.succeed("perm", "grant", Self.planner, "Read", "SMS_Collection:\(prodCollection)")
            _ = keep(try cli.fail(asUser: Self.planner, ["deploy", package, prodCollection], mentions: ["Advertise right needed"]))
            // It may read Production, not the other collection: that one does not exist for it.
            let seen = try jsonArray(try cli.json(asUser: Self.planner, "collection", "list")).compactMap { $0["CollectionID"] as? String }
            #expect(seen == [prodCollection])
            _ = keep(try cli.fail(asUser: Self.planner, ["collection", "show", imported], mentions: ["not found"]))
            _ = keep(try cli.succeed(asUser: Self.planner, "plan", package, "--computer", "PC-LAB"))

            // The masked value appears nowhere.
            outputs.append(try cli.succeed("var", "list", "--computer", "PC-LAB"))
            outputs.append(String(describing: try cli.json("var", "list", "--computer", "PC-LAB")))
            outputs.append(String(describing: try cli.json("plan", package, "--computer", "PC-LAB")))
            for output in outputs { #expect(!output.contains(Self.masked)) }
        }
    }
}
