/// How much of each package's history to keep (the config file's `history-keep-revisions`
/// and `history-keep-days`): a revision is dropped only when it is neither among the newest
/// ``keepRevisions`` nor younger than ``keepSeconds``. What is kept stays readable.
public struct HistoryRetention: Sendable, Hashable {
    /// Newest revisions always kept; at least 1.
    public var keepRevisions: Int
    /// Revisions younger than this are always kept; `nil`: age does not keep any.
    public var keepSeconds: Int64?

    public init(keepRevisions: Int, keepDays: Int? = nil) {
        self.keepRevisions = max(keepRevisions, 1)
        keepSeconds = keepDays.map { Int64($0) * 86_400 }
    }
}
