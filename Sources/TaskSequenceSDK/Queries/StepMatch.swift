/// A step a typed query found: its package, ID, class and the properties and settings the
/// query returned, and a ``handle`` to change it.
public struct StepMatch: Sendable, Hashable {
    /// The client the query went through.
    public let client: ProviderClient
    /// The package the step belongs to.
    public var packageID: String
    /// The step's stable ID.
    public var stepID: Int64
    /// The step class (`SMS_TaskSequence_Group` or an action class).
    public var className: String
    /// The name.
    public var name: String
    /// Whether the step runs.
    public var isEnabled: Bool
    /// Whether the sequence goes on when it fails.
    public var continuesOnError: Bool
    /// The time limit in seconds; `nil` when the step sets none, and for groups.
    public var timeout: UInt32?
    /// The action's settings and other properties the query returned, by WMI name (secrets
    /// never come back from queries).
    public var settings: [String: PropertyValue]

    /// The step, to read or change it.
    public var handle: StepHandle { StepHandle(client: client, packageID: packageID, id: stepID) }

    /// The step's package.
    public var package: PackageHandle { PackageHandle(client: client, id: packageID) }

    /// Whether this is a group.
    public var isGroup: Bool { className == ClassName.group }

    /// Matches are equal when they found the same step with the same values.
    public static func == (lhs: StepMatch, rhs: StepMatch) -> Bool {
        lhs.client === rhs.client && lhs.packageID == rhs.packageID && lhs.stepID == rhs.stepID && lhs.className == rhs.className
            && lhs.name == rhs.name && lhs.isEnabled == rhs.isEnabled && lhs.continuesOnError == rhs.continuesOnError
            && lhs.timeout == rhs.timeout && lhs.settings == rhs.settings
    }

    /// Hashes package and step ID.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(packageID)
        hasher.combine(stepID)
    }

    /// The step's own properties, which are fields rather than settings.
    private static let ownProperties: Set<String> = ["PackageID", "StepID", "Name", "Description", "Enabled", "ContinueOnError", "Timeout", "SupportedEnvironment"]

    init?(_ row: QueryRow, client: ProviderClient) {
        guard let packageID = row["PackageID"]?.text, let stepID = row["StepID"]?.intValue else { return nil }
        self.client = client
        self.packageID = packageID
        self.stepID = stepID
        className = row.className
        name = row["Name"]?.text ?? ""
        // Queries leave out what is NULL: an enabled step reads TRUE, no ContinueOnError FALSE.
        isEnabled = row["Enabled"]?.boolValue ?? true
        continuesOnError = row["ContinueOnError"]?.boolValue ?? false
        timeout = row["Timeout"]?.intValue.flatMap { UInt32(exactly: $0) }.flatMap { $0 == 0 ? nil : $0 }
        var settings: [String: PropertyValue] = [:]
        for (name, value) in row.properties where !Self.ownProperties.contains(name) { settings[name] = value }
        if let environment = row["SupportedEnvironment"] { settings["SupportedEnvironment"] = environment }
        if let description = row["Description"] { settings["Description"] = description }
        self.settings = settings
    }
}

/// A package a typed query found, with its properties (one `GetPackages` read) and a
/// ``handle`` to change it.
@dynamicMemberLookup
public struct PackageMatch: Sendable {
    /// The package's properties.
    public var info: PackageInfo
    /// The package, to read or change it.
    public let handle: PackageHandle

    /// The properties of ``info`` by name: `match.name`, `match.sourceVersion`.
    public subscript<Value>(dynamicMember keyPath: KeyPath<PackageInfo, Value>) -> Value { info[keyPath: keyPath] }
}
