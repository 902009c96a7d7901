import ProviderStore
import TaskSequenceModel

/// What the provider shows of one step or group: its own properties and where it stands.
public struct StepInfo: Sendable, Hashable {
    public var id: Int64
    public var packageID: String
    /// The group holding the step; `nil` at the top of the sequence.
    public var parentID: Int64?
    /// Position among its siblings.
    public var index: Int
    public var kind: StepKind
    public var className: String
    public var name: String
    public var description: String
    public var enabled: Bool
    public var continueOnError: Bool
    public var supportedEnvironment: String
    public var timeout: UInt32
    /// The resolved command line (`<action>` text); empty for groups.
    public var actionCommandLine: String
    public var hasCondition: Bool
    /// Steps directly inside, for groups.
    public var childIDs: [Int64]

    public var isGroup: Bool { kind == .group }
    public var reference: ObjectReference { .step(packageID: packageID, stepID: id) }
}

/// A step property a client may write, by its WMI name.
public enum WritableStepProperty: String, CaseIterable, Sendable {
    case name = "Name", description = "Description", enabled = "Enabled", continueOnError = "ContinueOnError"
    case supportedEnvironment = "SupportedEnvironment", timeout = "Timeout"
}
