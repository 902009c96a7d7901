import Foundation

/// A change to an object of the provider, as its `InstanceCreated`, `InstanceModified` and
/// `InstanceDeleted` signals report it, or the notice that events may have been missed.
///
/// Every event names the object by its class (always the object's concrete class, such as
/// `SMS_TaskSequence_RunCommandLineAction` for a step, whatever the edit was), its keys
/// (``keys``, with typed accessors ``packageID``, ``stepID``, ``operandID``, ``collectionID``,
/// ``resourceID``, ``advertisementID``), the properties that changed, the owning package's
/// SourceVersion after the change and the user who made it.
///
/// JSON: `Kind` (`created`, `modified`, `deleted`, `resumed`), `ClassName`, `RelativePath`,
/// `ObjectPath`, and when known `Keys`, `ChangedProperties`, `SourceVersion`, `User`, `Since`.
public struct ChangeEvent: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The object was created.
        case created
        /// Properties of it changed.
        case modified
        /// It was deleted.
        case deleted
        /// The stream reconnected (the daemon or its bus restarted): events between ``since``
        /// and now may be missing. Re-read what you follow.
        case resumed
    }

    /// What happened.
    public var kind: Kind
    /// The object's concrete class (`SMS_TaskSequencePackage`, `SMS_TaskSequence_RunCommandLineAction` …);
    /// empty for ``Kind/resumed``.
    public var className: String
    /// Its WMI relative path (`SMS_TaskSequence_Step.PackageID="PS100004",StepID=12`).
    public var relativePath: String
    /// Its object path on the bus.
    public var objectPath: String
    /// The names of the properties that changed (for ``Kind/modified``), as the provider names them.
    public var changedProperties: [String]
    /// The owning package's SourceVersion after the change; `nil` for objects outside a
    /// package and for a deleted package.
    public var sourceVersion: UInt32?
    /// The user who made the change, when the provider knows it.
    public var user: String?
    /// For ``Kind/resumed``: since when events may be missing.
    public var since: Date?

    enum CodingKeys: String, CodingKey {
        case kind = "Kind", className = "ClassName", relativePath = "RelativePath", objectPath = "ObjectPath"
        case keys = "Keys", changedProperties = "ChangedProperties", sourceVersion = "SourceVersion", user = "User", since = "Since"
    }

    /// An event.
    public init(
        kind: Kind, className: String, relativePath: String, objectPath: String, changedProperties: [String] = [],
        sourceVersion: UInt32? = nil, user: String? = nil, since: Date? = nil
    ) {
        self.kind = kind
        self.className = className
        self.relativePath = relativePath
        self.objectPath = objectPath
        self.changedProperties = changedProperties
        self.sourceVersion = sourceVersion
        self.user = user
        self.since = since
    }

    /// The event a stream yields after it reconnected: events since `since` may be missing.
    public static func resumed(since: Date) -> ChangeEvent {
        ChangeEvent(kind: .resumed, className: "", relativePath: "", objectPath: "", since: since)
    }

    /// Decodes an event; the fields added after the first four are optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        className = try container.decodeIfPresent(String.self, forKey: .className) ?? ""
        relativePath = try container.decodeIfPresent(String.self, forKey: .relativePath) ?? ""
        objectPath = try container.decodeIfPresent(String.self, forKey: .objectPath) ?? ""
        changedProperties = try container.decodeIfPresent([String].self, forKey: .changedProperties) ?? []
        sourceVersion = try container.decodeIfPresent(UInt32.self, forKey: .sourceVersion)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        since = try container.decodeIfPresent(Date.self, forKey: .since)
    }

    /// Encodes the event; empty and unknown facts are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(className, forKey: .className)
        try container.encode(relativePath, forKey: .relativePath)
        try container.encode(objectPath, forKey: .objectPath)
        if !keys.isEmpty { try container.encode(keys, forKey: .keys) }
        if !changedProperties.isEmpty { try container.encode(changedProperties, forKey: .changedProperties) }
        try container.encodeIfPresent(sourceVersion, forKey: .sourceVersion)
        try container.encodeIfPresent(user, forKey: .user)
        try container.encodeIfPresent(since, forKey: .since)
    }

    /// `created SMS_TaskSequence_Step.PackageID="PS100004",StepID=12`, `resumed since 2026-…`.
    public var description: String {
        if kind == .resumed, let since { return "resumed since \(since)" }
        return "\(kind.rawValue) \(relativePath)"
    }

    // MARK: Keys

    /// The object's key properties by name, from its relative path
    /// (`["PackageID": "PS100004", "StepID": "12"]`); empty for a class or ``Kind/resumed``.
    public var keys: [String: String] { RelativePathKeys.parse(relativePath) }

    /// The package the object belongs to; `nil` when it names none.
    public var packageID: String? { keys["PackageID"] }
    /// The step's ID, for steps, conditions and operands.
    public var stepID: Int64? { keys["StepID"].flatMap { Int64($0) } }
    /// The operand's ID, for condition operands.
    public var operandID: Int64? { keys["OperandID"].flatMap { Int64($0) } }
    /// The collection's ID, for collections and their settings.
    public var collectionID: String? { keys["CollectionID"] }
    /// The computer's ResourceID, for computers and their settings.
    public var resourceID: UInt32? { keys["ResourceID"].flatMap { UInt32($0) } }
    /// The deployment's ID, for advertisements.
    public var advertisementID: String? { keys["AdvertisementID"] }
}

/// Reads the keys of a WMI relative path (`Class.Key1="text",Key2=12`).
enum RelativePathKeys {
    static func parse(_ relativePath: String) -> [String: String] {
        guard let dot = relativePath.firstIndex(of: ".") else { return [:] }
        var keys: [String: String] = [:]
        var rest = relativePath[relativePath.index(after: dot)...]
        while let equals = rest.firstIndex(of: "=") {
            let name = String(rest[..<equals])
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                // A quoted value; `\"` and `\\` are escapes.
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(character); escaped = false; continue }
                    if character == "\\" { escaped = true; continue }
                    if character == "\"" { break }
                    value.append(character)
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = String(rest[..<end])
                rest = rest[end...]
            }
            keys[name] = value
            if rest.first == "," { rest = rest.dropFirst() } else { break }
        }
        return keys
    }
}
