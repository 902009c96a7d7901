import DBusKit

/// A step or group of a package's sequence, by its stable ID (moving a step keeps its ID).
///
/// ```swift
/// let step = package.step(12)
/// try step.disable()
/// try step.setSettings(["CommandLine": "cmd /c echo moved"])
/// try step.move(into: package.sequence, at: 0)
/// try step.setCondition(.variable("_SMSTSInWinPE", .equals, "false"))
/// ```
///
/// A group is also a ``StepParent``: add steps to it, list them, read its subtree.
public struct StepHandle: StepParent, Hashable {
    /// The client calls go through.
    public let client: ProviderClient
    /// The package.
    public let packageID: String
    /// The step's ID.
    public let id: Int64

    /// A handle for step `id` of package `packageID`.
    public init(client: ProviderClient, packageID: String, id: Int64) {
        self.client = client
        self.packageID = packageID
        self.id = id
    }

    var path: ObjectPath { ProviderPaths.step(packageID, id) }

    /// `/…/SMS_TaskSequencePackage/<PackageID>/Steps/<StepID>`.
    public var objectPath: String { path.rawValue }

    /// The WMI relative path, `SMS_TaskSequence_Step.PackageID="PS100004",StepID=12`.
    public var relativePath: String { "SMS_TaskSequence_Step.PackageID=\"\(packageID)\",StepID=\(id)" }

    /// The step's condition (it may have none yet; adding to it makes one).
    public var condition: ConditionHandle { ConditionHandle(step: self) }

    /// Handles are equal when they name the same step through the same client.
    public static func == (lhs: StepHandle, rhs: StepHandle) -> Bool {
        lhs.client === rhs.client && lhs.packageID == rhs.packageID && lhs.id == rhs.id
    }

    /// Hashes package and step ID.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(packageID)
        hasher.combine(id)
    }

    // MARK: Reading

    /// The step's properties, its action settings and its condition text.
    ///
    /// - Throws: `ProviderError.unknownObject(_:)` when there is no such step.
    public func info() throws -> StepInfo {
        try read().info
    }

    /// The step's properties, with the paths of the steps inside it (for groups).
    func read() throws -> (info: StepInfo, children: [ObjectPath]) {
        let step = try client.properties(of: ProviderInterface.step, at: path)
        let className = step.string("ClassName")
        var info = StepInfo(
            id: id, packageID: packageID, className: className, name: step.string("Name"), description: step.string("Description"),
            isEnabled: step.bool("Enabled"), continuesOnError: step.bool("ContinueOnError"),
            parentID: step.path("Parent").flatMap(ProviderPaths.stepID(of:)), index: Int(step.uint32("Index")))
        if step.path("Condition") != nil {
            info.conditionText = try client.property("Text", of: ProviderInterface.condition, at: ProviderPaths.condition(packageID, id)).text
        }
        if info.isGroup {
            let group = try client.properties(of: ProviderInterface.group, at: path)
            return (info, ProviderClient.paths(group["Steps"]))
        }
        let action = try client.properties(of: ProviderInterface.action, at: path)
        info.supportedEnvironment = action.string("SupportedEnvironment")
        // The provider answers 0 for a step whose XML sets no time-out.
        let timeout = action.uint32("Timeout")
        info.timeout = timeout == 0 ? nil : timeout
        info.actionCommandLine = action.string("ActionCommandLine")
        if case .dictionary(let settings)? = action["Settings"].map(PropertyValue.init) { info.settings = settings }
        return (info, [])
    }

    /// The step with its subtree.
    func node() throws -> StepNode {
        let (info, children) = try read()
        let nodes = try children.compactMap(ProviderPaths.stepID(of:)).map {
            try StepHandle(client: client, packageID: packageID, id: $0).node()
        }
        return StepNode(info: info, children: nodes)
    }

    /// The action's settings by WMI property name; secrets come back blank.
    public func settings() throws -> [String: PropertyValue] {
        let value = try StepInterfaceCheck.requiring(ProviderInterface.action, stepID: id) { try client.property("Settings", of: ProviderInterface.action, at: path) }
        guard case .dictionary(let settings) = value else { return [:] }
        return settings
    }

    // MARK: Changing

    /// Changes one of the step's own properties.
    ///
    /// - Throws: `ProviderError.validationFailed(property:rule:)` for a value the object model
    ///   refuses (an empty name …).
    public func set(_ property: StepProperty, to value: PropertyValue) throws {
        let typed = try value.dbusValue(as: property.dbusType, property: property.rawValue)
        try StepInterfaceCheck.requiring(property.interface, stepID: id) {
            try client.setProperty(property.rawValue, of: property.interface, at: path, to: typed)
        }
    }

    /// Renames the step.
    public func rename(to name: String) throws {
        try set(.name, to: .string(name))
    }

    /// Lets the step run again.
    public func enable() throws {
        try set(.enabled, to: .bool(true))
    }

    /// Disables the step ("Disable this step"): the sequence skips it.
    public func disable() throws {
        try set(.enabled, to: .bool(false))
    }

    /// Changes some of the action's settings (`SetSettings`); the others stay. All are applied
    /// or none. A blank value for a secret keeps the stored secret.
    ///
    /// - Throws: `ProviderError.unknownProperty(_:)` for a setting the class does not have,
    ///   `ProviderError.validationFailed(property:rule:)` for a value it refuses,
    ///   `ProviderError.invalidArguments(_:)` when the step is a group.
    public func setSettings(_ changes: [String: PropertyValue]) throws {
        _ = try StepInterfaceCheck.requiring(ProviderInterface.action, stepID: id) {
            try client.call(path, ProviderInterface.action, "SetSettings", [changes.dbusDictionary])
        }
    }

    /// Removes settings by name (they fall back to the class's defaults, if any).
    public func removeSettings(_ names: [String]) throws {
        let removed = Set(names.map { $0.lowercased() })
        let remaining = try settings().filter { !removed.contains($0.key.lowercased()) }
        try StepInterfaceCheck.requiring(ProviderInterface.action, stepID: id) {
            try client.setProperty("Settings", of: ProviderInterface.action, at: path, to: remaining.dbusDictionary)
        }
    }

    /// Moves the step into `parent` (the sequence or a group of the same package) before the
    /// step now at `index`; `nil` appends. The step keeps its ID.
    public func move(into parent: some StepParent, at index: Int? = nil) throws {
        _ = try client.call(path, ProviderInterface.step, "MoveTo", [.objectPath(parent.parentPath), .int32(Self.index(index))])
    }

    /// Moves the step to position `index` among its current siblings.
    public func move(to index: Int) throws {
        let parent = try client.rawProperty("Parent", of: ProviderInterface.step, at: path)
        guard case .objectPath(let parentPath) = parent else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "step \(id) has no parent path")
        }
        _ = try client.call(path, ProviderInterface.step, "MoveTo", [.objectPath(parentPath), .int32(Self.index(index))])
    }

    /// Deletes the step and, for a group, everything inside it.
    public func delete() throws {
        _ = try client.call(path, ProviderInterface.step, "Delete")
    }

    // MARK: Condition

    /// Replaces the step's condition with `condition`.
    public func setCondition(_ condition: StepCondition) throws {
        try self.condition.clear()
        try self.condition.add(condition)
    }

    /// Removes the step's condition: it always runs.
    public func clearCondition() throws {
        try condition.clear()
    }
}

/// How the SDK writes each step property over D-Bus.
extension StepProperty {
    var dbusType: DBusType {
        switch self {
        case .enabled, .continueOnError: .boolean
        case .timeout: .uint32
        default: .string
        }
    }

    var interface: String {
        switch self {
        case .supportedEnvironment, .timeout: ProviderInterface.action
        default: ProviderInterface.step
        }
    }
}
