import ProviderStore
import TaskSequenceModel

/// What the provider shows of one step or group: its own properties and its parent, all from
/// the step's own row. Its position and children cost queries of their own and are asked for
/// separately (``ProviderService/stepIndex(_:packageID:for:)``, ``ProviderService/childStepIDs(packageID:parentID:for:)``).
///
/// Service-internal: the SDK's `StepInfo` is the client's view of a served step, which adds its
/// index, condition text and action settings, each read from the bus at a cost of its own.
public struct StoredStepInfo: Sendable, Hashable {
    public var id: Int64
    public var packageID: String
    /// The group holding the step; `nil` at the top of the sequence.
    public var parentID: Int64?
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

    public var isGroup: Bool { kind == .group }
    public var reference: ObjectReference { .step(packageID: packageID, stepID: id) }
}
