/// Who wins what both sides of a merge changed differently.
public enum MergePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nobody: a conflict means nothing is written.
    case none
    /// The package merged into keeps its version.
    case ours
    /// The package merged from wins.
    case theirs
}

/// A step (or package property) both sides of a merge changed differently.
///
/// JSON: `StepID`, `Name`, `Path`, `Property`, `Base`, `Ours`, `Theirs`, `Secret`, `Resolution`.
public struct PackageMergeConflict: Sendable, Hashable, Codable {
    public var stepID: String?
    public var name: String
    /// The step's path in INTO (in FROM when INTO removed it); `package` for a property.
    public var path: String
    /// A property, setting or attribute; `Position` (both moved it); `Step` (one removed it).
    public var property: String
    public var base: String?
    public var ours: String?
    public var theirs: String?
    public var isSecret: Bool
    /// How the policy decided it; `nil` when nothing did.
    public var resolution: MergePolicy?

    public init(stepID: String?, name: String, path: String, property: String, base: String?, ours: String?, theirs: String?,
                isSecret: Bool = false, resolution: MergePolicy? = nil) {
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

    enum CodingKeys: String, CodingKey {
        case stepID = "StepID", name = "Name", path = "Path", property = "Property"
        case base = "Base", ours = "Ours", theirs = "Theirs", isSecret = "Secret", resolution = "Resolution"
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
}
