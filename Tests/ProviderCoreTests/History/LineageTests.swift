import Foundation
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

/// Copies of packages and steps record where each step came from, and the copy point or last
/// merge is the base of the next merge; retention drops old revisions and keeps the rest readable.
@Suite struct LineageTests {
    static let corpusFile = HistoryTests.corpusFile

    @Test func aCopyHasTheSequenceAndPropertiesEveryStepsOriginAndTheCopyPoint() throws {
        let fixture = try ServiceFixture()
        let original = try fixture.service.importPackage(data: Fixtures.data(Self.corpusFile), for: fixture.root)
        try fixture.service.updatePackage(original, for: fixture.root) { $0.description = "before the copy" }
        let copy = try fixture.service.copyPackage(original, name: "Test copy", for: fixture.root)

        let source = try fixture.service.snapshot(of: original, at: nil, for: fixture.root)
        let copied = try fixture.service.snapshot(of: copy, at: nil, for: fixture.root)
        #expect(copied.sequence == source.sequence)
        #expect(copied.properties.name == "Test copy")
        #expect(copied.properties.description == "before the copy")
        #expect(copied.sourceVersion == 1)
        #expect(Set(copied.stepIDs.values).isDisjoint(with: Set(source.stepIDs.values)))
        for (path, id) in copied.stepIDs {
            #expect(copied.origins[id] == StepOrigin(packageID: original, stepID: try #require(source.stepIDs[path])))
        }
        let basecopyoriginal = try #require(try fixture.service.mergeBase(from: copy, into: original, for: fixture.root))
        #expect(basecopyoriginal.from == 1 && basecopyoriginal.into == 2)
        let baseoriginalcopy = try #require(try fixture.service.mergeBase(from: original, into: copy, for: fixture.root))
        #expect(baseoriginalcopy.from == 2 && baseoriginalcopy.into == 1)
        #expect(try fixture.service.history(of: copy, for: fixture.root).map(\.summary) == ["copy of \(original) at 2"])
        #expect(try fixture.service.copyPackage(original, for: fixture.root) != copy)
        #expect(try fixture.service.package(try fixture.service.copyPackage(original, for: fixture.root), for: fixture.root).name == "Copy of " + source.properties.name)
    }

    @Test func aCopiedGroupBringsItsStepsWithTheirOriginsAndACopyOfACopyPointsAtTheFirst() throws {
        let fixture = try ServiceFixture()
        let original = try fixture.service.importPackage(data: Fixtures.data(Self.corpusFile), for: fixture.root)
        let target = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        let source = try fixture.service.snapshot(of: original, at: nil, for: fixture.root)
        let (groupPath, groupID) = try #require(source.stepIDs.filter { source.sequence.step(at: $0.key.indices)?.isGroup == true }.min { $0.value < $1.value })
        let group = try #require(source.sequence.step(at: groupPath.indices))

        let copyID = try fixture.service.copyStep(groupID, packageID: original, to: target, parentID: nil, index: nil, for: fixture.root)
        let copied = try fixture.service.snapshot(of: target, at: nil, for: fixture.root)
        #expect(copied.sequence.steps == [group])
        #expect(copied.stepIDs[StepPath([StepPath.Component(kind: .group, index: 0)])] == copyID)
        #expect(copied.origins.count == copied.stepIDs.count)
        for (path, id) in copied.stepIDs {
            let sourcePath = StepPath(groupPath.components + path.components.dropFirst())
            #expect(copied.origins[id] == StepOrigin(packageID: original, stepID: try #require(source.stepIDs[sourcePath])))
        }
        #expect(try fixture.service.history(of: target, for: fixture.root).last?.summary == "step \(copyID) copied from step \(groupID) of \(original)")

        let again = try fixture.service.copyStep(copyID, packageID: target, to: target, parentID: nil, index: 0, for: fixture.root)
        #expect(try fixture.service.snapshot(of: target, at: nil, for: fixture.root).origins[again] == StepOrigin(packageID: original, stepID: groupID))
    }

    @Test func aMergeIsOneRevisionThatKeepsMatchedIDsRecordsBroughtInStepsAndBecomesTheBase() throws {
        let fixture = try ServiceFixture()
        let original = try fixture.service.importPackage(data: Fixtures.data(Self.corpusFile), for: fixture.root)
        let copy = try fixture.service.copyPackage(original, for: fixture.root)
        let into = try fixture.service.snapshot(of: original, at: nil, for: fixture.root)
        var merged = into.sequence
        let brought = Step(kind: .group, attributes: ["name": "Brought from the copy"])
        merged.steps = merged.steps + [brought]
        let broughtPath = StepPath([StepPath.Component(kind: .group, index: merged.steps.count - 1)])

        #expect(throws: ProviderError.conflict(expected: 9, actual: 1)) {
            try fixture.service.recordMerge(into: original, sequence: merged, stepIDs: into.stepIDs, origins: [:], properties: nil,
                                            from: copy, fromVersion: 1, expectedSourceVersion: 9, summary: "merged", for: fixture.root)
        }
        let version = try fixture.service.recordMerge(
            into: original, sequence: merged, stepIDs: into.stepIDs, origins: [broughtPath: StepOrigin(packageID: copy, stepID: 4242)],
            properties: nil, from: copy, fromVersion: 1, expectedSourceVersion: 1, summary: "merged from \(copy)", for: fixture.root)

        #expect(version == 2)
        let after = try fixture.service.snapshot(of: original, at: nil, for: fixture.root)
        for (path, id) in into.stepIDs { #expect(after.stepIDs[path] == id) }
        let newID = try #require(after.stepIDs[broughtPath])
        #expect(after.origins[newID] == StepOrigin(packageID: copy, stepID: 4242))
        #expect(try fixture.service.history(of: original, for: fixture.root).map(\.summary) == ["import (objectxml)", "merged from \(copy)"])
        let basecopyoriginal = try #require(try fixture.service.mergeBase(from: copy, into: original, for: fixture.root))
        #expect(basecopyoriginal.from == 1 && basecopyoriginal.into == 2)
    }

    @Test func retentionKeepsTheNewestRevisionsReadable() throws {
        let store = try TestStores.makeStore()
        let service = ProviderService(store: store, configuration: ProviderConfiguration(siteCode: "TST", historyRetention: HistoryRetention(keepRevisions: 3)),
                                      policy: SuperuserOnlyPolicy(superuserIDs: [0]))
        let id = try service.importPackage(data: Fixtures.data(Self.corpusFile), for: .system)
        let stepID = try #require(try service.snapshot(of: id, at: nil, for: .system).stepIDs.values.min())
        var expected: [UInt32: PackageSnapshot] = [:]
        for round in 1...6 {
            try service.setStepProperty("Description", to: "round \(round)", stepID: stepID, packageID: id, for: .system)
            let snapshot = try service.snapshot(of: id, at: nil, for: .system)
            expected[snapshot.sourceVersion] = snapshot
        }
        let history = try service.history(of: id, for: .system)
        #expect(history.map(\.sourceVersion) == [5, 6, 7])
        #expect(history.allSatisfy { $0.isReadable })
        for version: UInt32 in 5...7 {
            let read = try service.snapshot(of: id, at: version, for: .system)
            let wanted = try #require(expected[version])
            #expect(read.sequence == wanted.sequence && read.stepIDs == wanted.stepIDs && read.properties == wanted.properties, "revision \(version)")
        }
        #expect(throws: ProviderError.notFound(object: "revision 2 of SMS_TaskSequencePackage.PackageID=\"\(id)\"")) {
            try service.snapshot(of: id, at: 2, for: .system)
        }
        let images = try store.read { db in
            try db.value(Int.self, "SELECT COUNT(*) FROM revisionStep WHERE packageID = ? AND revisionID NOT IN (SELECT id FROM revision)", [id])
        }
        #expect(images == 0)
    }
}
