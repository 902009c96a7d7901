import ProviderStore

/// The edits of one version-checked change (``ProviderService/edit(packageID:expecting:for:_:)``)
/// while it runs: the transaction every edit joins, and what each edit would have recorded
/// as a revision of its own, so that the whole batch becomes one revision.
///
/// Confined to the thread running the batch: it lives only inside one `store.write` closure,
/// reached through a task-local, which is why the unchecked `Sendable` holds.
final class EditBatch: @unchecked Sendable {
    let packageID: String
    let db: StoreDatabase
    /// One summary per edit that changed something, in order ("step 84 renamed").
    private(set) var changes: [String] = []
    private(set) var affectsReferences = false
    var events: [ChangeRecord] = []

    init(packageID: String, db: StoreDatabase) {
        self.packageID = packageID
        self.db = db
    }

    func note(_ change: String, affectsReferences: Bool) {
        changes.append(change)
        self.affectsReferences = self.affectsReferences || affectsReferences
    }

    /// The revision's line: the edit's own words for one, a count and each for several
    /// (`3 edits: step 84 renamed, step 85: set Timeout, step 86 deleted`).
    var summary: String {
        changes.count == 1 ? changes[0] : "\(changes.count) edits: \(changes.joined(separator: ", "))"
    }

    /// The batch a provider call runs inside, if any.
    @TaskLocal static var current: EditBatch?
}
