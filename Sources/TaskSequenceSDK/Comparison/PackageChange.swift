/// One difference between two packages or revisions, as the bus `Diff` reports it.
///
/// JSON (sorted keys, every key present, `null` where it does not apply): `Kind`, `StepID`,
/// `Name`, `Path`, `FromPath`, `Property`, `Old`, `New`, `Secret` — the shape of `tsctl diff --json`.
public struct PackageChange: Sendable, Hashable, Codable {
    /// `StepAdded`, `StepRemoved`, `StepMoved`, `StepRenamed`, `StepEnabled`, `StepDisabled`,
    /// `ContinueOnErrorChanged`, `DescriptionChanged`, `SettingChanged`, `ConditionChanged` or
    /// `PackagePropertyChanged`.
    public var kind: String
    public var stepID: String?
    public var name: String?
    public var path: String?
    public var fromPath: String?
    public var property: String?
    /// The value before; `nil` when there was none or it is a secret.
    public var old: String?
    public var new: String?
    /// A secret changed: its values are never given.
    public var isSecret: Bool

    public init(kind: String, stepID: String? = nil, name: String? = nil, path: String? = nil, fromPath: String? = nil,
                property: String? = nil, old: String? = nil, new: String? = nil, isSecret: Bool = false) {
        self.kind = kind
        self.stepID = stepID
        self.name = name
        self.path = path
        self.fromPath = fromPath
        self.property = property
        self.old = old
        self.new = new
        self.isSecret = isSecret
    }

    enum CodingKeys: String, CodingKey {
        case kind = "Kind", stepID = "StepID", name = "Name", path = "Path", fromPath = "FromPath"
        case property = "Property", old = "Old", new = "New", isSecret = "Secret"
    }

    /// Writes every key, `null` where there is no value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(stepID, forKey: .stepID)
        try container.encode(name, forKey: .name)
        try container.encode(path, forKey: .path)
        try container.encode(fromPath, forKey: .fromPath)
        try container.encode(property, forKey: .property)
        try container.encode(old, forKey: .old)
        try container.encode(new, forKey: .new)
        try container.encode(isSecret, forKey: .isSecret)
    }
}
