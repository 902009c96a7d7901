/// A task sequence variable set on a collection or a computer (`SMS_CollectionVariable`,
/// `SMS_MachineVariable`). A masked variable's value is write-only: it reads back empty.
///
/// JSON: `Name`, `Value`, `IsMasked`.
public struct TaskSequenceVariable: Sendable, Hashable, Codable {
    public var name: String
    /// The value; always empty for a masked variable read from the provider.
    public var value: String
    public var isMasked: Bool

    public init(name: String, value: String, isMasked: Bool = false) {
        self.name = name
        self.value = value
        self.isMasked = isMasked
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name", value = "Value", isMasked = "IsMasked"
    }
}

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
