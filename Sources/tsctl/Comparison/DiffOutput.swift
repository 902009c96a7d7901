import TaskSequenceModel
import TaskSequenceSDK

/// Prints a diff as review text or as the JSON array of changes.
struct DiffOutput {
    let json: Bool

    func print(_ diff: SequenceDiff) throws {
        try Output(json: json).emit(diff.changes) { diff.text }
    }
}

extension SequenceChange {
    /// A change as the service reported it, for the text and JSON `diff` prints.
    init(reported change: PackageChange) throws(CommandFailure) {
        guard let kind = Kind(rawValue: change.kind) else {
            throw CommandFailure("the service reported a change of unknown kind '\(change.kind)'")
        }
        self.init(
            kind: kind, stepID: change.stepID, name: change.name, path: change.path, fromPath: change.fromPath,
            property: change.property, old: change.old, new: change.new, isSecret: change.isSecret
        )
    }
}
