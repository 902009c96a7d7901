/// A step both sides of a merge changed differently since their common ancestor.
///
/// Encoded (sorted keys) it is one object of `tsctl merge`'s conflict list: `StepID`, `Name`,
/// `Path`, `Property`, `Base`, `Ours`, `Theirs`, `Secret`, `Resolution` — every key present.
public struct MergeConflict: Sendable, Hashable, Codable {
    /// The step's StepID in ours (the sequence merged into), or in theirs when ours removed it.
    public var stepID: String?
    public var name: String
    /// The step's path in ours, or in theirs when ours removed it.
    public var path: String
    /// What both changed: a property (`Name`, `CommandLine`, `Condition` …), `Position` when
    /// both moved the step to different places, `Step` when one side removed a step the other
    /// changed (or added a step inside one the other removed).
    public var property: String
    /// Each side's value as text; `removed` for a removed step; `nil` when absent or secret.
    public var base: String?
    public var ours: String?
    public var theirs: String?
    public var isSecret: Bool
    /// How the merge's policy decided it; `nil` when nothing did (the merge writes nothing).
    public var resolution: ThreeWayMerge.Policy?

    public init(
        stepID: String?, name: String, path: String, property: String,
        base: String?, ours: String?, theirs: String?, isSecret: Bool = false, resolution: ThreeWayMerge.Policy? = nil
    ) {
        self.stepID = stepID
        self.name = name
        self.path = path
        self.property = property
        self.base = base
        self.ours = ours
        self.theirs = theirs
        self.isSecret = isSecret
        self.resolution = resolution
    }

    private enum CodingKeys: String, CodingKey {
        case stepID = "StepID", name = "Name", path = "Path", property = "Property"
        case base = "Base", ours = "Ours", theirs = "Theirs", isSecret = "Secret", resolution = "Resolution"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stepID = try container.decodeIfPresent(String.self, forKey: .stepID)
        name = try container.decode(String.self, forKey: .name)
        path = try container.decode(String.self, forKey: .path)
        property = try container.decode(String.self, forKey: .property)
        base = try container.decodeIfPresent(String.self, forKey: .base)
        ours = try container.decodeIfPresent(String.self, forKey: .ours)
        theirs = try container.decodeIfPresent(String.self, forKey: .theirs)
        isSecret = try container.decodeIfPresent(Bool.self, forKey: .isSecret) ?? false
        resolution = try container.decodeIfPresent(ThreeWayMerge.Policy.self, forKey: .resolution)
    }

    /// Writes every key, `null` where there is no value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stepID, forKey: .stepID)
        try container.encode(name, forKey: .name)
        try container.encode(path, forKey: .path)
        try container.encode(property, forKey: .property)
        try container.encode(base, forKey: .base)
        try container.encode(ours, forKey: .ours)
        try container.encode(theirs, forKey: .theirs)
        try container.encode(isSecret, forKey: .isSecret)
        try container.encode(resolution, forKey: .resolution)
    }

    /// One line for a person: `group[1]/step[2] "Format" CommandLine: ours "a", theirs "b"`.
    public var text: String {
        let values = isSecret
            ? "both changed (secret)"
            : "base \(Self.shown(base)), ours \(Self.shown(ours)), theirs \(Self.shown(theirs))"
        let decided = resolution.map { " — kept \($0.rawValue)" } ?? ""
        return "\(path) \"\(name)\" \(property): \(values)\(decided)"
    }

    private static func shown(_ value: String?) -> String {
        value.map { "\"\($0)\"" } ?? "(none)"
    }
}
