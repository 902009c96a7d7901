/// Whose variables: a collection by CollectionID, or a computer by name.
public enum VariableTarget: Sendable, Hashable, CustomStringConvertible {
    /// A collection (`SMS_CollectionSettings`).
    case collection(String)
    /// A computer by name (`SMS_MachineSettings` of its ResourceID).
    case computer(String)

    /// `collection PS100010`, `computer PC-01`.
    public var description: String {
        switch self {
        case .collection(let id): "collection \(id)"
        case .computer(let name): "computer \(name)"
        }
    }
}
