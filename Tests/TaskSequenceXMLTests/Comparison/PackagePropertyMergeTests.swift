import Testing
import TaskSequenceModel
import TaskSequenceXML

@Suite struct PackagePropertyMergeTests {
    @Test func theirsChangesAreCarriedAndBothChangedIsAConflict() throws {
        let base = try ComparisonFixture(ComparisonFixture.bitLocker).properties
        var ours = base
        ours.description = "ours"
        ours.sourceVersion += 3
        var theirs = base
        theirs.name = "Copy of \(base.name)"
        theirs.description = "theirs"
        theirs.duration = 45
        theirs.packageID = "PS1FFFFF"

        let undecided = PackagePropertyMerge(base: base, ours: ours, theirs: theirs)
        #expect(undecided.applied.map(\.property) == ["Duration", "Name"])
        #expect(undecided.merged.name == "Copy of \(base.name)")
        #expect(undecided.merged.duration == 45)
        #expect(undecided.merged.description == "ours")
        #expect(undecided.merged.packageID == base.packageID)
        #expect(undecided.conflicts == [MergeConflict(
            stepID: nil, name: base.name, path: "package", property: "Description",
            base: base.description, ours: "ours", theirs: "theirs"
        )])

        let forced = PackagePropertyMerge(base: base, ours: ours, theirs: theirs, policy: .theirs)
        #expect(forced.merged.description == "theirs")
        #expect(forced.conflicts.map(\.resolution) == [.theirs])
        #expect(forced.applied.map(\.property) == ["Description", "Duration", "Name"])
        let kept = PackagePropertyMerge(base: base, ours: ours, theirs: theirs, policy: .ours)
        #expect(kept.merged.description == "ours")
        #expect(kept.conflicts.map(\.resolution) == [.ours])
    }
}
