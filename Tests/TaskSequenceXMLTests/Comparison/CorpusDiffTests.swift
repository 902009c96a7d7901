import Foundation
import Testing
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

/// Every corpus sequence, with no step IDs to help: one edit diffs as exactly that edit.
@Suite struct CorpusDiffTests {
    static func sequences() throws -> [(name: String, sequence: TaskSequence)] {
        try Fixtures.realWorldNames.flatMap { name in
            try TaskSequenceReader().documents(from: Fixtures.data(name)).map { (name, $0.sequence) }
        }
    }

    /// The step in the middle of the sequence's document order, and its path.
    static func middleStep(of sequence: TaskSequence) -> StepPath? {
        var paths: [StepPath] = []
        sequence.forEachStep { path, _ in paths.append(path) }
        return paths.isEmpty ? nil : paths[paths.count / 2]
    }

    @Test func renamingOneStepDiffsAsThatRenameInEveryCorpusFile() throws {
        let all = try Self.sequences()
        #expect(all.count >= 90)
        for (name, sequence) in all {
            guard let target = Self.middleStep(of: sequence) else { continue }
            var edited = sequence
            edited.updateEachStep { path, step in if path == target { step.name += " (edited)" } }
            let diff = SequenceDiff(old: ComparedSequence(sequence: sequence), new: ComparedSequence(sequence: edited))
            #expect(diff.changes.map(\.kind) == [.stepRenamed], "\(name)")
            #expect(diff.changes.first?.path == target.description, "\(name)")
            #expect(SequenceDiff(old: ComparedSequence(sequence: sequence), new: ComparedSequence(sequence: sequence)).isEmpty, "\(name)")
        }
    }

    @Test func removingOneStepDiffsAsThatRemovalInEveryCorpusFile() throws {
        for (name, sequence) in try Self.sequences() {
            guard let target = Self.middleStep(of: sequence), let index = target.indices.last else { continue }
            var edited = sequence
            if target.components.count == 1 {
                edited.removeStep(at: index)
            } else {
                let parent = StepPath(Array(target.components.dropLast()))
                edited.updateEachStep { path, step in if path == parent { step.removeStep(at: index) } }
            }
            let diff = SequenceDiff(old: ComparedSequence(sequence: sequence), new: ComparedSequence(sequence: edited))
            #expect(diff.changes.map(\.kind) == [.stepRemoved], "\(name): \(diff.text)")
            // Of identical steps, any one may be reported as the one removed.
            var removed: Step?
            sequence.forEachStep { path, step in if path.description == diff.changes.first?.path { removed = step } }
            #expect(removed == sequence.step(at: target.indices), "\(name): \(diff.text)")
        }
    }
}
