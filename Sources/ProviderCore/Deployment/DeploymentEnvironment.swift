import TaskSequenceModel

/// The variables a deployment brings to one computer, for the dry-run planner: each collection
/// the computer is a member of with its variables, then the computer's own — lowest
/// precedence first (reference §9: collection < computer < set during the run).
///
/// Masked values are here in clear, for evaluating conditions only: whoever shows any of it
/// must show ``DeploymentVariable/redacted`` values.
public struct DeploymentEnvironment: Sendable, Equatable {
    /// The variables of one collection.
    public struct CollectionVariables: Sendable, Equatable {
        public let collectionID: String
        public let name: String
        public let variables: [DeploymentVariable]
    }

    /// The computer's ResourceID and name.
    public let resourceID: UInt32
    public let computerName: String
    /// The collections the computer is a member of that the caller may read, in CollectionID
    /// order; between them no precedence is defined, so the planner reports a name that two
    /// of them set differently as a conflict.
    public let collections: [CollectionVariables]
    /// How many collections hold the computer that the caller may not read: their variables
    /// are left out (the planner should say its answer may be incomplete).
    public let hiddenCollectionCount: Int
    /// The computer's own variables, which win over every collection's.
    public let computerVariables: [DeploymentVariable]
}
