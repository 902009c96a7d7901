/// How strictly validation judges: an import keeps what ConfigMgr and MDT themselves wrote and
/// ran, an explicit edit is held to the object model's rules as the console holds it.
///
/// On ``imported`` the rules that real exports break are warnings (each rule says why, next to
/// where it is checked); what would make the sequence meaningless stays an error.
public enum ValidationStrength: Sendable, Hashable {
    /// An explicit edit (AddStep, a property or settings edit, a condition): every rule is
    /// enforced.
    case edit
    /// A whole sequence arriving (Import, ImportFd, SetSequence, ImportSequence, `tsctl xml check`).
    case imported
}

/// What a validator keeps while it walks.
enum IssueCollection: Sendable, Hashable {
    /// Every issue, notes included.
    case everything
    /// Only the first error (nothing else), for edits that stop at it.
    case firstError
    /// Warnings and errors, no notes: what an import returns and what refuses it. Those beyond
    /// their limit are only counted.
    case warningsAndErrors(errorLimit: Int, warningLimit: Int)
}
