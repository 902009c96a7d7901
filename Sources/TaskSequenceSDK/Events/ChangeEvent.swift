/// A change to an object of the provider, as its `InstanceCreated`, `InstanceModified` and
/// `InstanceDeleted` signals report it. JSON: `Kind` (`created`, `modified`, `deleted`),
/// `ClassName`, `RelativePath`, `ObjectPath`.
public struct ChangeEvent: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The object was created.
        case created
        /// Properties of it changed.
        case modified
        /// It was deleted.
        case deleted
    }

    /// What happened.
    public var kind: Kind
    /// The object's class (`SMS_TaskSequencePackage`, `SMS_TaskSequence_RunCommandLineAction` …).
    public var className: String
    /// Its WMI relative path (`SMS_TaskSequence_Step.PackageID="PS100004",StepID=12`).
    public var relativePath: String
    /// Its object path on the bus.
    public var objectPath: String

    enum CodingKeys: String, CodingKey {
        case kind = "Kind", className = "ClassName", relativePath = "RelativePath", objectPath = "ObjectPath"
    }

    /// An event.
    public init(kind: Kind, className: String, relativePath: String, objectPath: String) {
        self.kind = kind
        self.className = className
        self.relativePath = relativePath
        self.objectPath = objectPath
    }

    /// `created SMS_TaskSequence_Step.PackageID="PS100004",StepID=12`.
    public var description: String { "\(kind.rawValue) \(relativePath)" }

    /// The package the object belongs to, from its relative path; `nil` when it names none.
    public var packageID: String? {
        guard let start = relativePath.range(of: "PackageID=\"") else { return nil }
        let rest = relativePath[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
