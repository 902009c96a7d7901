/// One difference between two versions of a sequence or its package, as a diff reports it and a
/// merge applies it.
///
/// Encoded (with sorted keys) it is one object of `tsctl diff --json`'s array: `Kind`, `StepID`,
/// `Name`, `Path`, `FromPath`, `Property`, `Old`, `New`, `Secret` — every key always present,
/// `null` where it does not apply, so the shape never depends on the change.
public struct SequenceChange: Sendable, Hashable, Codable {
    /// What changed.
    ///
    /// A kind this version does not know (one a newer provider reports) reads as
    /// ``unknown(_:)`` with its name, so a client older than its provider still reads the diff.
    public enum Kind: Sendable, Hashable, RawRepresentable, Codable, CaseIterable {
        case stepAdded
        case stepRemoved
        /// To another group, or to another place among its siblings.
        case stepMoved
        case stepRenamed
        case stepEnabled
        case stepDisabled
        case continueOnErrorChanged
        case descriptionChanged
        /// A property value of the step (a `<defaultVarList>` entry, `runIn`, `timeout`, the
        /// `<action>` command line) added, removed or changed.
        case settingChanged
        case conditionChanged
        case packagePropertyChanged
        /// A kind this version does not know, by its name.
        case unknown(String)

        /// The kinds this version knows.
        public static let allCases: [Kind] = [
            .stepAdded, .stepRemoved, .stepMoved, .stepRenamed, .stepEnabled, .stepDisabled, .continueOnErrorChanged,
            .descriptionChanged, .settingChanged, .conditionChanged, .packagePropertyChanged,
        ]

        /// The kind named `rawValue` (exact case); ``unknown(_:)`` for a name this version does not know.
        public init(rawValue: String) {
            self = Self.allCases.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
        }

        /// The kind's name on the bus and in JSON: `StepAdded`, `SettingChanged` …
        public var rawValue: String {
            switch self {
            case .stepAdded: "StepAdded"
            case .stepRemoved: "StepRemoved"
            case .stepMoved: "StepMoved"
            case .stepRenamed: "StepRenamed"
            case .stepEnabled: "StepEnabled"
            case .stepDisabled: "StepDisabled"
            case .continueOnErrorChanged: "ContinueOnErrorChanged"
            case .descriptionChanged: "DescriptionChanged"
            case .settingChanged: "SettingChanged"
            case .conditionChanged: "ConditionChanged"
            case .packagePropertyChanged: "PackagePropertyChanged"
            case .unknown(let name): name
            }
        }
    }

    public var kind: Kind
    /// The step's ID where the caller knows one (the new side's; the old side's for a removal).
    public var stepID: String?
    /// The step's name (new side; old side for a removal); `nil` for package properties.
    public var name: String?
    /// The step's path in the new sequence (in the old one for a removal), `group[2]/step[3]`.
    public var path: String?
    /// For a move: the step's path in the old sequence.
    public var fromPath: String?
    /// The property, setting or attribute that changed (`Name`, `CommandLine`, `Condition` …).
    public var property: String?
    /// The value before; `nil` when there was none, or when it is a secret.
    public var old: String?
    /// The value after; `nil` when there is none, or when it is a secret.
    public var new: String?
    /// A secret (password, product key) changed: its values are never shown.
    public var isSecret: Bool

    public init(
        kind: Kind, stepID: String? = nil, name: String? = nil, path: String? = nil, fromPath: String? = nil,
        property: String? = nil, old: String? = nil, new: String? = nil, isSecret: Bool = false
    ) {
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

    private enum CodingKeys: String, CodingKey {
        case kind = "Kind", stepID = "StepID", name = "Name", path = "Path", fromPath = "FromPath"
        case property = "Property", old = "Old", new = "New", isSecret = "Secret"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        stepID = try container.decodeIfPresent(String.self, forKey: .stepID)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        path = try container.decodeIfPresent(String.self, forKey: .path)
        fromPath = try container.decodeIfPresent(String.self, forKey: .fromPath)
        property = try container.decodeIfPresent(String.self, forKey: .property)
        old = try container.decodeIfPresent(String.self, forKey: .old)
        new = try container.decodeIfPresent(String.self, forKey: .new)
        isSecret = try container.decodeIfPresent(Bool.self, forKey: .isSecret) ?? false
    }

    /// Writes every key, `null` where there is no value, so consumers see one fixed shape.
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

    /// Whether the change concerns a step (rather than a package property).
    public var isStepChange: Bool { kind != .packagePropertyChanged }
}
