/// What a lint run knows beyond the sequence itself. Everything is optional: a file linted
/// offline has no site to look packages up in and no stored step IDs.
public struct LintOptions: Sendable {
    /// The catalog the sequence's classes are read against.
    public var catalog: ActionCatalog
    /// Answers whether a PackageID exists at the site; `nil` leaves references unchecked
    /// (offline, for files).
    public var packageExists: (@Sendable (String) -> Bool)?
    /// The stored StepID of each step by its path, when the sequence is a stored package's.
    public var stepIDs: [StepPath: Int64]
    /// Variable names set outside the sequence (collection and computer variables) that
    /// conditions may test.
    public var extraKnownVariables: Set<String>
    /// Bytes of the sequence as stored (its canonical XML), for the 2 MB budget; `nil` skips it.
    public var storedSequenceBytes: Int?
    /// Bytes of the policy that carries the sequence to clients, for the 32 MB budget (see
    /// ``PolicySize``); `nil` skips it.
    public var policyBytes: Int?

    public init(
        catalog: ActionCatalog = .builtIn,
        packageExists: (@Sendable (String) -> Bool)? = nil,
        stepIDs: [StepPath: Int64] = [:],
        extraKnownVariables: Set<String> = [],
        storedSequenceBytes: Int? = nil,
        policyBytes: Int? = nil
    ) {
        self.catalog = catalog
        self.packageExists = packageExists
        self.stepIDs = stepIDs
        self.extraKnownVariables = extraKnownVariables
        self.storedSequenceBytes = storedSequenceBytes
        self.policyBytes = policyBytes
    }
}
