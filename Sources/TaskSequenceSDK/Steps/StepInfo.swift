/// What a step or group looks like at one moment.
///
/// JSON keys are the D-Bus property names (`Name`, `Enabled`, `ContinueOnError`, `ClassName`,
/// `SupportedEnvironment`, `Timeout`, `Settings`, `ActionCommandLine`) plus `StepID`,
/// `PackageID`, `ParentStepID` (`null` at the top of the sequence), `Index`, `IsGroup` and
/// `Condition` (the condition's readable text, `null` when the step has none).
public struct StepInfo: Sendable, Hashable, Codable {
    /// The step's stable ID within its package.
    public var id: Int64
    /// The package.
    public var packageID: String
    /// The step class: `SMS_TaskSequence_Group` or an action class.
    public var className: String
    /// The name.
    public var name: String
    /// The description.
    public var description: String
    /// Whether the step runs (the console's "Disable this step" unchecked).
    public var isEnabled: Bool
    /// Whether the sequence goes on when the step fails.
    public var continuesOnError: Bool
    /// The group it is in; `nil` at the top of the sequence.
    public var parentID: Int64?
    /// Its position among its siblings, from 0.
    public var index: Int
    /// The condition as readable text; `nil` when the step always runs.
    public var conditionText: String?
    /// Where an action may run (`WinPE`, `FullOS`, `WinPEandFullOS`); `nil` for groups.
    public var supportedEnvironment: String?
    /// An action's time limit in seconds; `nil` when the step sets none, and for groups.
    public var timeout: UInt32?
    /// An action's own settings by WMI property name, secrets blank; empty for groups.
    public var settings: [String: PropertyValue]
    /// The command line the action runs (`smsswd.exe /run: …`); `nil` for groups.
    public var actionCommandLine: String?

    /// Whether this is a group.
    public var isGroup: Bool { className == ClassName.group }

    /// ``supportedEnvironment`` as the catalog's value map names it; `nil` for groups and for
    /// a value outside the map (kept as read in ``supportedEnvironment``).
    public var environment: StepEnvironment? { supportedEnvironment.flatMap(StepEnvironment.init(rawValue:)) }

    enum CodingKeys: String, CodingKey {
        case id = "StepID", packageID = "PackageID", className = "ClassName", name = "Name", description = "Description"
        case isEnabled = "Enabled", continuesOnError = "ContinueOnError", parentID = "ParentStepID", index = "Index"
        case conditionText = "Condition", supportedEnvironment = "SupportedEnvironment", timeout = "Timeout"
        case settings = "Settings", actionCommandLine = "ActionCommandLine", isGroup = "IsGroup"
    }

    /// A step as read from the provider.
    public init(
        id: Int64, packageID: String, className: String, name: String, description: String = "", isEnabled: Bool = true,
        continuesOnError: Bool = false, parentID: Int64? = nil, index: Int = 0, conditionText: String? = nil,
        supportedEnvironment: String? = nil, timeout: UInt32? = nil, settings: [String: PropertyValue] = [:], actionCommandLine: String? = nil
    ) {
        self.id = id
        self.packageID = packageID
        self.className = className
        self.name = name
        self.description = description
        self.isEnabled = isEnabled
        self.continuesOnError = continuesOnError
        self.parentID = parentID
        self.index = index
        self.conditionText = conditionText
        self.supportedEnvironment = supportedEnvironment
        self.timeout = timeout
        self.settings = settings
        self.actionCommandLine = actionCommandLine
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        packageID = try container.decode(String.self, forKey: .packageID)
        className = try container.decode(String.self, forKey: .className)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        isEnabled = try container.decodeIfPresent(Bool.self, forKey: .isEnabled) ?? true
        continuesOnError = try container.decodeIfPresent(Bool.self, forKey: .continuesOnError) ?? false
        parentID = try container.decodeIfPresent(Int64.self, forKey: .parentID)
        index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
        conditionText = try container.decodeIfPresent(String.self, forKey: .conditionText)
        supportedEnvironment = try container.decodeIfPresent(String.self, forKey: .supportedEnvironment)
        timeout = try container.decodeIfPresent(UInt32.self, forKey: .timeout)
        settings = try container.decodeIfPresent([String: PropertyValue].self, forKey: .settings) ?? [:]
        actionCommandLine = try container.decodeIfPresent(String.self, forKey: .actionCommandLine)
    }

    /// Every key, with `null` for what a group lacks, so the shape is the same for every step.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(packageID, forKey: .packageID)
        try container.encode(className, forKey: .className)
        try container.encode(isGroup, forKey: .isGroup)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(isEnabled, forKey: .isEnabled)
        try container.encode(continuesOnError, forKey: .continuesOnError)
        try container.encode(parentID, forKey: .parentID)
        try container.encode(index, forKey: .index)
        try container.encode(conditionText, forKey: .conditionText)
        try container.encode(supportedEnvironment, forKey: .supportedEnvironment)
        try container.encode(timeout, forKey: .timeout)
        try container.encode(settings, forKey: .settings)
        try container.encode(actionCommandLine, forKey: .actionCommandLine)
    }
}

/// A step with the steps inside it (for groups): one node of ``StepParent/stepTree()``.
public struct StepNode: Sendable, Hashable {
    /// The step.
    public var info: StepInfo
    /// The steps inside, for a group; empty for actions.
    public var children: [StepNode]

    /// A node.
    public init(info: StepInfo, children: [StepNode] = []) {
        self.info = info
        self.children = children
    }

    /// This node and everything below it, depth first, with each one's depth (0 for this node).
    public func flattened(depth: Int = 0) -> [(depth: Int, info: StepInfo)] {
        [(depth, info)] + children.flatMap { $0.flattened(depth: depth + 1) }
    }
}

extension StepNode: Codable {
    /// The step's keys (``StepInfo``) plus `Steps`, the children.
    public func encode(to encoder: any Encoder) throws {
        try info.encode(to: encoder)
        var container = encoder.container(keyedBy: NodeKeys.self)
        try container.encode(children, forKey: .steps)
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        info = try StepInfo(from: decoder)
        children = try decoder.container(keyedBy: NodeKeys.self).decodeIfPresent([StepNode].self, forKey: .steps) ?? []
    }

    private enum NodeKeys: String, CodingKey {
        case steps = "Steps"
    }
}
