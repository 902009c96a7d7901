/// The service's record of a change to a served instance (with who made it and who could
/// read a deleted object: service-internal facts), for `InstanceCreated/Modified/Deleted` signals and
/// `PropertiesChanged`.
public struct ChangeRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case created, modified, deleted
    }

    public var kind: Kind
    /// The WMI class of the instance (`SMS_TaskSequencePackage`, `SMS_TaskSequence_RunCommandLineAction` …).
    public var className: String
    public var object: ObjectReference
    /// Properties that changed (for `modified`), by WMI name.
    public var changedProperties: [String]
    /// The owning package's SourceVersion once the change committed; `nil` outside a package
    /// or when the package is gone.
    public var sourceVersion: UInt32?
    /// Who made the change, for the audit log.
    public var changedBy: Caller?
    /// What changed, for people, when the class and properties do not say it (rights granted).
    public var detail: String?
    /// For a deleted instance: the principals whose instance rights let them read it, which
    /// went with it. Lets them learn of the deletion.
    public var formerReaders: [String]

    public init(kind: Kind, className: String, object: ObjectReference, changedProperties: [String] = [], detail: String? = nil, formerReaders: [String] = []) {
        self.kind = kind
        self.className = className
        self.object = object
        self.changedProperties = changedProperties
        self.detail = detail
        self.formerReaders = formerReaders
    }
}

/// Receives change events after the transaction that caused them has committed.
public protocol ChangeObserver: AnyObject, Sendable {
    func providerDidChange(_ events: [ChangeRecord])
}
