import Foundation
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

/// Diff and merge between stored packages: a copy (lineage recorded as a copy records it) edited
/// in three places, its diff, its merge back, a conflict, revisions.
@Suite struct DiffMergeServiceTests {
    static let corpusFile = "erikpt__Modern-Deployment-Toolkit__DeployXMLExamples__001__ts.xml"
    let alice = Caller(uid: 0, groupIDs: [0], userName: "alice")

    /// The original and a copy of it: the same file imported twice, with the copy's steps and
    /// the copy link recorded in the lineage tables, as a package copy writes them.
    func originalAndCopy(_ fixture: ServiceFixture) throws -> (original: String, copy: String) {
        let original = try fixture.service.importPackage(data: Fixtures.data(Self.corpusFile), for: fixture.root)
        let copy = try fixture.service.importPackage(data: Fixtures.data(Self.corpusFile), for: fixture.root)
        let from = try fixture.service.snapshot(of: original, at: nil, for: fixture.root)
        let into = try fixture.service.snapshot(of: copy, at: nil, for: fixture.root)
        try fixture.service.store.write { db in
            for (path, id) in into.stepIDs {
                guard let originID = from.stepIDs[path] else { continue }
                try Lineage.recordStepOrigin(stepID: id, originPackageID: original, originStepID: originID, in: db)
            }
            try Lineage.recordLink(kind: "copy", from: original, fromVersion: from.sourceVersion, into: copy, intoVersion: into.sourceVersion, time: 1_700_000_000, in: db)
        }
        return (original, copy)
    }

    /// Writes the package's sequence changed by `body` with SetSequence (step IDs are kept).
    @discardableResult
    func edit(_ fixture: ServiceFixture, _ id: String, _ body: (inout TaskSequence) -> Void) throws -> UInt32 {
        let snapshot = try fixture.service.snapshot(of: id, at: nil, for: fixture.root)
        var sequence = snapshot.sequence
        body(&sequence)
        let xml = try TaskSequenceWriter(form: .export).sequenceXML(sequence)
        return try fixture.service.setSequence(packageID: id, xml: xml, expectedSourceVersion: snapshot.sourceVersion, for: alice)
    }

    static func threeEdits(_ sequence: inout TaskSequence) {
        sequence.updateEachStep { path, step in
            switch path.description {
            case "group[3]/step[7]": step.name = "Enable BitLocker (Offline, TPM)"
            case "group[2]/step[3]": step.actionCommandLine = "cmd /c time 12:00"
            case "group[5]/step[13]": step.isEnabled = true
            default: break
            }
        }
    }

    @Test func aCopyEditedInThreePlacesDiffsAsThoseThreeChangesWithTheCopysStepIDs() throws {
        let fixture = try ServiceFixture()
        let (original, copy) = try originalAndCopy(fixture)
        try edit(fixture, copy, Self.threeEdits)
        let ids = try fixture.service.snapshot(of: copy, at: nil, for: fixture.root).stepIDs
        let diff = try fixture.service.diff(original, at: nil, copy, at: nil, for: fixture.root)
        #expect(diff.changes.map(\.kind) == [.settingChanged, .stepRenamed, .stepEnabled])
        #expect(diff.changes.map(\.path) == ["group[2]/step[3]", "group[3]/step[7]", "group[5]/step[13]"])
        let expectedIDs = ["group[2]/step[3]", "group[3]/step[7]", "group[5]/step[13]"].map { text in
            ids.first { $0.key.description == text }.map { String($0.value) }
        }
        #expect(diff.changes.map(\.stepID) == expectedIDs)
    }

    @Test func theCopyMergesIntoTheOriginalAsOneRevisionKeepingStepIDs() throws {
        let fixture = try ServiceFixture()
        let (original, copy) = try originalAndCopy(fixture)
        try edit(fixture, copy, Self.threeEdits)
        let before = try fixture.service.snapshot(of: original, at: nil, for: fixture.root)

        let dryRun = try fixture.service.merge(from: copy, into: original, dryRun: true, for: alice)
        #expect(dryRun.sourceVersion == nil)
        #expect(dryRun.applied.count == 3)
        #expect(try fixture.service.snapshot(of: original, at: nil, for: fixture.root).sourceVersion == before.sourceVersion)

        let outcome = try fixture.service.merge(from: copy, into: original, expectedSourceVersion: before.sourceVersion, for: alice)
        let version = try #require(outcome.sourceVersion)
        #expect(version == before.sourceVersion + 1)
        #expect(outcome.applied.map(\.kind) == [.settingChanged, .stepRenamed, .stepEnabled])
        let after = try fixture.service.snapshot(of: original, at: nil, for: fixture.root)
        #expect(after.stepIDs == before.stepIDs)
        #expect(after.sequence.step(at: [2, 6])?.name == "Enable BitLocker (Offline, TPM)")
        let history = try fixture.service.history(of: original, for: fixture.root)
        #expect(history.last?.summary == "merged 3 changes from \(copy)")
        #expect(history.last?.userName == "alice")
        // Same steps now: nothing left to merge, and the two diff as equal.
        #expect(try fixture.service.diff(original, at: nil, copy, at: nil, for: fixture.root).changes.isEmpty)
        let again = try fixture.service.merge(from: copy, into: original, for: alice)
        #expect(again.sourceVersion == nil && again.applied.isEmpty)
        // The revision before the merge reads back, and diffs against now as the merge.
        let revisions = try fixture.service.diff(original, at: before.sourceVersion, original, at: nil, for: fixture.root)
        #expect(revisions.changes.map(\.kind) == [.settingChanged, .stepRenamed, .stepEnabled])
    }

    @Test func aConflictingEditIsReportedAndNothingIsWritten() throws {
        let fixture = try ServiceFixture()
        let (original, copy) = try originalAndCopy(fixture)
        try edit(fixture, copy, Self.threeEdits)
        try edit(fixture, original) { sequence in
            sequence.updateEachStep { path, step in if path.description == "group[3]/step[7]" { step.name = "BitLocker offline" } }
        }
        let before = try fixture.service.snapshot(of: original, at: nil, for: fixture.root)
        let outcome = try fixture.service.merge(from: copy, into: original, for: alice)
        #expect(outcome.sourceVersion == nil)
        #expect(outcome.hasUnresolvedConflicts)
        #expect(outcome.conflicts.map(\.property) == ["Name"])
        #expect(outcome.conflicts.first?.stepID == before.stepIDs.first { $0.key.description == "group[3]/step[7]" }.map { String($0.value) })
        let after = try fixture.service.snapshot(of: original, at: nil, for: fixture.root)
        #expect(after.sourceVersion == before.sourceVersion)
        #expect(after.sequence == before.sequence)

        let forced = try fixture.service.merge(from: copy, into: original, policy: .theirs, for: alice)
        #expect(forced.sourceVersion == before.sourceVersion + 1)
        #expect(try fixture.service.snapshot(of: original, at: nil, for: fixture.root).sequence.step(at: [2, 6])?.name == "Enable BitLocker (Offline, TPM)")
    }

    @Test func mergeRefusals() throws {
        let fixture = try ServiceFixture()
        let (original, copy) = try originalAndCopy(fixture)
        let unrelated = try fixture.service.importPackage(data: Fixtures.data(Self.corpusFile), for: fixture.root)
        try edit(fixture, copy, Self.threeEdits)
        #expect(throws: ProviderError.invalidArgument(name: "from", problem: "\(unrelated) and \(original) have no common ancestor: neither is a copy of the other and they were never merged")) {
            try fixture.service.merge(from: unrelated, into: original, for: alice)
        }
        let current = try fixture.service.snapshot(of: original, at: nil, for: fixture.root).sourceVersion
        #expect(throws: ProviderError.conflict(expected: current + 5, actual: current)) {
            try fixture.service.merge(from: copy, into: original, expectedSourceVersion: current + 5, for: alice)
        }
        // The fixture's policy admits superusers only.
        #expect(throws: ProviderError.accessDenied(right: "superuser", object: "org.tsprovider.Provider1 (only administrators may use the provider)")) {
            try fixture.service.merge(from: copy, into: original, for: fixture.stranger)
        }
    }
}
