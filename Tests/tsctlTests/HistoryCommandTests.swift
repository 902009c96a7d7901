import Foundation
import Testing
import TestSupport

/// `tsctl history`, `rollback`, `package copy`, `step copy` and `ID@REV`, run as the built
/// binary against a real daemon.
@Suite struct HistoryCommandTests {
    static let corpusFile = TSCtlFixtures.path("DeploymentResearch__DRFiles__Misc__Windows10UpgradeTS.zip__SMS_TaskSequencePackage__PS10000E__object.xml")

    @Test func threeEditsGiveFourRevisionsAndRevisionOneExportsAndRollsBackToTheImport() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", Self.corpusFile).prefix(8))
            let imported = try cli.succeed("export", id, "--format", "sequence")
            let steps = try jsonArray(try cli.json("step", "list", id))
            let first = try #require(int(steps.first?["StepID"]))
            let last = try #require(int(steps.last?["StepID"]))

            try cli.succeed("step", "set", id, String(first), "--name", "Renamed first")
            try cli.succeed("step", "remove", id, String(last))
            try cli.succeed("package", "set", id, "--description", "Edited for review")

            let history = try jsonArray(try cli.json("history", id))
            #expect(history.compactMap { int($0["SourceVersion"]) } == [1, 2, 3, 4])
            #expect(history.allSatisfy { $0["UserName"] as? String == "root" && int($0["Uid"]) == 0 && $0["Readable"] as? Bool == true })
            #expect(history.compactMap { $0["Summary"] as? String }.dropFirst() == ["step \(first) renamed", "step \(last) deleted", "set Description"])
            let table = try cli.succeed("history", id).split(separator: "\n")
            #expect(table.first?.hasPrefix("REV") == true && table.count == 5)
            #expect(table.last?.contains("set Description") == true && table.last?.contains("root (0)") == true)

            #expect(try cli.succeed("export", "\(id)@1", "--format", "sequence") == imported)
            let atTwo = try jsonArray(try cli.json("step", "list", "\(id)@2"))
            #expect(atTwo.first.map { int($0["StepID"]) == first && $0["Name"] as? String == "Renamed first" } == true)
            #expect(int(atTwo.last?["StepID"]) == last)
            #expect(try jsonArray(try cli.json("step", "list", id)).count == steps.count - 1)

            #expect(try cli.succeed("rollback", id, "1") == "\(id): rolled back to 1 as revision 5")
            #expect(try cli.succeed("export", id, "--format", "sequence") == imported)
            let rolledBack = try jsonArray(try cli.json("step", "list", id))
            #expect(rolledBack.compactMap { int($0["StepID"]) } == steps.compactMap { int($0["StepID"]) })
            let after = try jsonArray(try cli.json("history", id))
            #expect(after.count == 5)
            #expect(after.last?["Summary"] as? String == "rolled back to 1")
            #expect(try jsonObject(try cli.json("package", "show", id))["Description"] as? String != "Edited for review")
        }
    }

    @Test func unknownRevisionsAndBadForms() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", Self.corpusFile).prefix(8))
            try cli.fail(["export", "\(id)@7"], mentions: ["revision 7", id, "does not exist"])
            try cli.fail(["rollback", id, "7"], mentions: ["revision 7"])
            try cli.fail(["export", "\(id)@x"], status: 2)
            try cli.fail(["export", "\(id)@1", "--format", "zip", "-o", "/tmp/unused.zip"], status: 2, mentions: ["text format"])
        }
    }

    @Test func copyAPackageAndAStepIntoIt() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", Self.corpusFile).prefix(8))
            let copied = try jsonObject(try cli.json("package", "copy", id, "--name", "Test copy"))
            let copy = try #require(copied["PackageID"] as? String)
            #expect(copy != id && copied["CopiedFrom"] as? String == id)
            #expect(try jsonObject(try cli.json("package", "show", copy))["Name"] as? String == "Test copy")
            #expect(try cli.succeed("export", copy, "--format", "sequence") == (try cli.succeed("export", id, "--format", "sequence")))
            #expect(try jsonArray(try cli.json("history", copy)).first?["Summary"] as? String == "copy of \(id) at 1")

            let source = try jsonArray(try cli.json("step", "list", id))
            let group = try #require(source.first { $0["IsGroup"] as? Bool == true })
            let groupID = try #require(int(group["StepID"]))
            let inside = source.filter { int($0["ParentStepID"]) == groupID }.count
            let stepCopy = try jsonObject(try cli.json("step", "copy", id, String(groupID), "--to", copy, "--index", "0"))
            let newID = try #require(int(stepCopy["StepID"]))
            #expect(stepCopy["PackageID"] as? String == copy && int(stepCopy["CopiedFrom"]) == groupID)
            let target = try jsonArray(try cli.json("step", "list", copy))
            #expect(int(target.first?["StepID"]) == newID)
            #expect(target.first?["Name"] as? String == group["Name"] as? String)
            #expect(target.filter { int($0["ParentStepID"]) == newID }.count == inside)
            #expect(target.count == source.count + 1 + descendants(of: groupID, in: source))
        }
    }

    /// How many steps are below `stepID` in a flat listing.
    private func descendants(of stepID: Int64, in steps: [[String: Any]]) -> Int {
        let children = steps.filter { int($0["ParentStepID"]) == stepID }.compactMap { int($0["StepID"]) }
        return children.count + children.map { descendants(of: $0, in: steps) }.reduce(0, +)
    }
}
