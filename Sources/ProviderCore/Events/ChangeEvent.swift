/// A change to a served instance, for `InstanceCreated/Modified/Deleted` signals and
/// `PropertiesChanged`.
public struct ChangeEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case created, modified, deleted
    }

    public var kind: Kind
    /// The WMI class of the instance (`SMS_TaskSequencePackage`, `SMS_TaskSequence_RunCommandLineAction` …).
    public var className: String
    public var object: ObjectReference
    /// Properties that changed (for `modified`), by WMI name.
    public var changedProperties: [String]

    public init(kind: Kind, className: String, object: ObjectReference, changedProperties: [String] = []) {
        self.kind = kind
        self.className = className
        self.object = object
        self.changedProperties = changedProperties
    }
}

/// Receives change events after the transaction that caused them has committed.
public protocol ChangeObserver: AnyObject, Sendable {
    func providerDidChange(_ events: [ChangeEvent])
}
