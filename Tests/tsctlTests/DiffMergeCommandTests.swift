import Foundation
import Testing
import TestSupport

/// `tsctl diff A[@REV] B[@REV]` and `tsctl merge` against a daemon: a copy edited in three
/// places, diffed, merged back, a conflict, the force policies.
@Suite struct DiffMergeCommandTests {
    static let mdtClient = TSCtlFixtures.path(DiffCommandTests.mdtClient)

    /// The step ID of the step named `name` in `packageID`.
    static func stepID(_ cli: TSCtlDaemon, _ packageID: String, named name: String) throws -> String {
        let steps = try jsonArray(try cli.json("step", "list", packageID))
        let step = try #require(steps.first { $0["Name"] as? String == name }, "no step \(name)")
        return try #require(int(step["StepID"]).map(String.init))
    }

    /// Imports the MDT client sequence, copies it and edits the copy in three places.
    static func originalAndEditedCopy(_ cli: TSCtlDaemon) throws -> (original: String, copy: String, ids: [String]) {
        let original = String(try cli.succeed("import", mdtClient).prefix(8))
        let copy = try cli.succeed("package", "copy", original)
        let renamed = try stepID(cli, copy, named: "Enable BitLocker (Offline)")
        let clean = try stepID(cli, copy, named: "CLEAN MDT FILES")
        let complete = try stepID(cli, copy, named: "IMAGING COMPLETE")
        try cli.succeed("step", "set", copy, renamed, "--name", "Enable BitLocker (Offline, TPM)")
        try cli.succeed("step", "enable", copy, clean)
        try cli.succeed("step", "set", copy, complete, "--continue-on-error", "true")
        return (original, copy, [renamed, clean, complete])
    }

    @Test func aCopyEditedInThreePlacesDiffsAsThoseThreeAndMergesBack() throws {
        try withDaemon { cli in
            let (original, copy, ids) = try Self.originalAndEditedCopy(cli)

            let diff = try cli.tsctl("diff", original, copy, "--json")
            #expect(diff.status == 1, "\(diff.errorOutput)")
            let changes = try jsonArray(try JSONSerialization.jsonObject(with: diff.standardOutput))
            #expect(changes.map { $0["Kind"] as? String } == ["StepRenamed", "StepEnabled", "ContinueOnErrorChanged"])
            #expect(changes.map { $0["StepID"] as? String } == ids)
            #expect(changes.map { $0["Path"] as? String } == ["group[3]/step[7]", "group[5]/step[13]", "group[5]/step[14]"])
            // With --properties the copy's own name shows too.
            let withProperties = try jsonArray(try JSONSerialization.jsonObject(with: try cli.tsctl("diff", original, copy, "--json", "--properties").standardOutput))
            #expect(withProperties.first?["Kind"] as? String == "PackagePropertyChanged")
            #expect(withProperties.first?["Property"] as? String == "Name")
            #expect(withProperties.count == 4)

            let dryRun = try cli.succeed("merge", copy, original, "--dry-run")
            #expect(dryRun.hasSuffix("dry run: 3 change(s) would be merged into \(original)"), "\(dryRun)")
            #expect(dryRun.contains("renamed: \"Enable BitLocker (Offline)\" → \"Enable BitLocker (Offline, TPM)\""))
            let versionBefore = try jsonArray(try cli.json("history", original)).count

            let merged = try jsonObject(try cli.json("merge", copy, original))
            #expect((merged["Applied"] as? [Any])?.count == 3)
            #expect((merged["Conflicts"] as? [Any])?.isEmpty == true)
            let history = try jsonArray(try cli.json("history", original))
            #expect(history.count == versionBefore + 1)
            #expect(history.last?["Summary"] as? String == "merged 3 changes from \(copy)")
            #expect(int(merged["SourceVersion"]) == int(history.last?["SourceVersion"]))

            let same = try cli.tsctl("diff", original, copy)
            #expect(same.status == 0)
            #expect(same.output == "No differences.\n")
            // The revision before the merge against now: the merge's three changes.
            let revisions = try cli.tsctl("diff", "\(original)@1", original, "--json")
            #expect(revisions.status == 1)
            #expect(try jsonArray(try JSONSerialization.jsonObject(with: revisions.standardOutput)).count == 3)
        }
    }

    @Test func aConflictIsReportedAndNothingWrittenUnlessForced() throws {
        try withDaemon { cli in
            let (original, copy, _) = try Self.originalAndEditedCopy(cli)
            let ours = try Self.stepID(cli, original, named: "Enable BitLocker (Offline)")
            try cli.succeed("step", "set", original, ours, "--name", "BitLocker offline")
            let before = try jsonArray(try cli.json("history", original)).count

            let refused = try cli.tsctl("merge", copy, original)
            #expect(refused.status == 1)
            #expect(refused.outputLines.contains(
                "! conflict: group[3]/step[7] \"BitLocker offline\" Name: base \"Enable BitLocker (Offline)\", ours \"BitLocker offline\", theirs \"Enable BitLocker (Offline, TPM)\""
            ), "\(refused.output)")
            #expect(refused.outputLines.last == "1 conflict(s); nothing written (decide with --force-ours or --force-theirs)")
            #expect(try jsonArray(try cli.json("history", original)).count == before)

            let json = try cli.tsctl("merge", copy, original, "--json")
            #expect(json.status == 1)
            let report = try jsonObject(try JSONSerialization.jsonObject(with: json.standardOutput))
            #expect(report["SourceVersion"] is NSNull)
            let conflicts = try jsonArray(report["Conflicts"] as Any)
            #expect(conflicts.map { $0["Property"] as? String } == ["Name"])
            #expect(conflicts.first?["StepID"] as? String == ours)
            #expect(conflicts.first?["Resolution"] is NSNull)

            let forced = try cli.succeed("merge", copy, original, "--force-theirs")
            #expect(forced.contains("Name: base \"Enable BitLocker (Offline)\", ours \"BitLocker offline\", theirs \"Enable BitLocker (Offline, TPM)\" — kept theirs"), "\(forced)")
            #expect(try cli.succeed("step", "list", original).contains("Enable BitLocker (Offline, TPM)"))
            // Decided once, the conflict is settled: the merge is the new common ancestor.
            #expect(try cli.succeed("merge", copy, original) == "nothing to merge: \(original) already has every change of \(copy)")

            // Another pair, the same conflict, decided for INTO.
            let (original2, copy2, _) = try Self.originalAndEditedCopy(cli)
            try cli.succeed("step", "set", original2, try Self.stepID(cli, original2, named: "Enable BitLocker (Offline)"), "--name", "BitLocker offline")
            let kept = try cli.succeed("merge", copy2, original2, "--force-ours")
            #expect(kept.contains("— kept ours"), "\(kept)")
            let names = try cli.succeed("step", "list", original2)
            #expect(names.contains("BitLocker offline") && !names.contains("Enable BitLocker (Offline, TPM)"))
            #expect(try cli.succeed("merge", copy2, original2) == "nothing to merge: \(original2) already has every change of \(copy2)")

            let both = try cli.tsctl("merge", copy, original, "--force-ours", "--force-theirs")
            #expect(both.status == 2)
        }
    }

    @Test func refusals() throws {
        try withDaemon { cli in
            let first = String(try cli.succeed("import", Self.mdtClient).prefix(8))
            let second = String(try cli.succeed("import", Self.mdtClient).prefix(8))
            try cli.fail(["merge", first, second], mentions: ["\(first) and \(second) have no common ancestor"])
            let missing = try cli.tsctl("diff", first, "\(first)@99")
            #expect(missing.status == 2)
            #expect(missing.errorLines.count == 1 && missing.errorLines.first?.contains("revision 99") == true, "\(missing.errorOutput)")
        }
    }

    @Test func packagePropertiesAreMergedOnlyWhenAskedFor() throws {
        try withDaemon { cli in
            let (original, copy, _) = try Self.originalAndEditedCopy(cli)
            let copyName = try jsonObject(try cli.json("package", "show", copy))["Name"] as? String
            #expect(copyName?.hasPrefix("Copy of ") == true)
            let withoutProperties = try jsonObject(try cli.json("merge", copy, original, "--dry-run"))
            #expect((withoutProperties["Applied"] as? [[String: Any]])?.map { $0["Kind"] as? String } == ["StepRenamed", "StepEnabled", "ContinueOnErrorChanged"])
            let merged = try jsonObject(try cli.json("merge", copy, original, "--properties"))
            let applied = try jsonArray(merged["Applied"] as Any)
            #expect(applied.first?["Kind"] as? String == "PackagePropertyChanged")
            #expect(applied.first?["Property"] as? String == "Name" && applied.first?["New"] as? String == copyName)
            #expect(applied.count == 4)
            #expect(try jsonObject(try cli.json("package", "show", original))["Name"] as? String == copyName)
        }
    }
}
