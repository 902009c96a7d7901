import TaskSequenceModel
import TaskSequenceSDK

/// Prints a diff as review text or as the JSON array of changes.
struct DiffOutput {
    let json: Bool

    func print(_ diff: SequenceDiff) throws {
        try Output(json: json).emit(diff.changes) { diff.text }
    }
}
