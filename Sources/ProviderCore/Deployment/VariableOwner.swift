import ProviderStore
import TaskSequenceModel

/// Whose task sequence variables a call is about: a collection (`SMS_CollectionSettings`) or
/// one computer (`SMS_MachineSettings`).
public enum VariableOwner: Sendable, Hashable {
    /// A collection, by CollectionID.
    case collection(String)
    /// A computer, by ResourceID.
    case computer(resourceID: UInt32)

    /// The settings object that holds the variables.
    public var settings: ObjectReference {
        switch self {
        case .collection(let id): .collectionSettings(collectionID: id)
        case .computer(let id): .machineSettings(resourceID: id)
        }
    }

    /// The settings class.
    public var className: String {
        switch self {
        case .collection: ClassName.collectionSettings
        case .computer: ClassName.machineSettings
        }
    }

    /// The settings property listing the variables.
    public var variablesProperty: String {
        switch self {
        case .collection: "CollectionVariables"
        case .computer: "MachineVariables"
        }
    }

    /// The most variables the owner may hold: 1,000 on a computer (reference §9).
    var limit: Int? {
        switch self {
        case .collection: nil
        case .computer: DeploymentVariableRules.maximumPerComputer
        }
    }

    var storeOwner: DeploymentVariableRow.Owner {
        switch self {
        case .collection: .collection
        case .computer: .machine
        }
    }

    var storeKey: String {
        switch self {
        case .collection(let id): id
        case .computer(let id): String(id)
        }
    }

    /// For messages: `collection PS100010`, `computer 16777217`.
    var label: String {
        switch self {
        case .collection(let id): "collection \(id)"
        case .computer(let id): "computer \(id)"
        }
    }
}
