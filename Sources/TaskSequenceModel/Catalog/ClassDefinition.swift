/// A class of the task sequence object model: a step or action class, a condition class or an
/// embedded helper class, with its class qualifiers and the properties it declares.
///
/// Inherited properties live on the superclass; ``ActionCatalog/properties(of:)`` merges them.
public struct ClassDefinition: Sendable, Hashable {
    /// What role a class plays in the object model.
    public enum Kind: Sendable, Hashable {
        /// SMS_PackageBaseclass and SMS_TaskSequencePackage: stored instances with a key.
        case package
        /// SMS_TaskSequence: the sequence a package holds.
        case sequence
        /// SMS_TaskSequence_Step, the abstract root of steps.
        case step
        case group
        /// SMS_TaskSequence_Action and every action class.
        case action
        case pointer
        /// SMS_TaskSequence_Condition.
        case condition
        /// SMS_TaskSequence_ConditionOperand, the abstract root of operands.
        case conditionOperand
        /// SMS_TaskSequence_ConditionOperator and the OS condition/expression groups.
        case conditionOperator
        /// SMS_TaskSequence_ConditionExpression and the expression classes.
        case conditionExpression
        /// A helper class that only lives inside another one (partition settings, package info).
        case embedded
        /// SMS_UserClassPermissions and SMS_UserInstancePermissions: rights of users and groups.
        case security
        /// Read-only views of stored facts: SMS_TaskSequencePackageReference,
        /// SMS_TaskSequenceReferencesInfo.
        case view
        /// SMS_R_System and SMS_Collection: the computers and collections deployments target.
        case target
    }

    public var name: String
    public var superclass: String?
    public var kind: Kind
    public var isAbstract: Bool
    /// The console's name for the step ("Run Command Line").
    public var displayName: String?
    /// The `CommandLine` class qualifier: the template that becomes the step's `<action>` text
    /// (see ``CommandLineTemplate``).
    public var commandLine: String?
    /// The `ActionCategory` class qualifier: where the editor lists the action.
    public var actionCategory: ActionCategory?
    /// The `VariablePrefix` class qualifier: prepended to property names that have no
    /// `VariableName` qualifier to form their task sequence variable names.
    public var variablePrefix: String?
    /// The SupportedEnvironment a new step of this class gets.
    public var defaultEnvironment: String?
    /// Whether a sequence holding this action deploys an operating system (package Type 2,
    /// SaveToXml flag 0x1).
    public var deploysOperatingSystem: Bool
    /// A setting that makes a step of this class need Windows PE, and so a boot image (Restart
    /// Computer with Target `WinPE`). Such a sequence is an OS deployment too.
    public var windowsPESetting: SettingMatch?
    /// The properties this class declares (not the inherited ones), storage resolved.
    public var declaredProperties: [PropertyDefinition]
    public var provenance: PropertyDefinition.Provenance
    public var note: String?

    public init(
        name: String,
        superclass: String?,
        kind: Kind,
        isAbstract: Bool = false,
        displayName: String? = nil,
        commandLine: String? = nil,
        actionCategory: ActionCategory? = nil,
        variablePrefix: String? = nil,
        defaultEnvironment: String? = nil,
        deploysOperatingSystem: Bool = false,
        windowsPESetting: SettingMatch? = nil,
        properties: [PropertyDefinition] = [],
        provenance: PropertyDefinition.Provenance = .sdk,
        note: String? = nil
    ) {
        self.name = name
        self.superclass = superclass
        self.kind = kind
        self.isAbstract = isAbstract
        self.displayName = displayName
        self.commandLine = commandLine
        self.actionCategory = actionCategory
        self.variablePrefix = variablePrefix
        self.defaultEnvironment = defaultEnvironment
        self.deploysOperatingSystem = deploysOperatingSystem
        self.windowsPESetting = windowsPESetting
        self.provenance = provenance
        self.note = note
        self.declaredProperties = properties.map { property in
            guard property.storage == .automatic else { return property }
            // An action's property is the variable its VariableName qualifier names, else the
            // class prefix plus the property name (OSD + DiskIndex = OSDDiskIndex).
            if kind == .package { return property.stored(as: .instance) }
            let variableName = property.variableNameQualifier
                ?? (kind == .action ? (variablePrefix ?? "") + property.name : property.name)
            return property.stored(as: .variable(variableName))
        }
    }

    /// A concrete action class deriving from SMS_TaskSequence_Action.
    public static func action(
        _ name: String,
        displayName: String,
        commandLine: String?,
        category: ActionCategory?,
        variablePrefix: String? = nil,
        defaultEnvironment: String = SupportedEnvironment.winPEAndFullOS,
        deploysOperatingSystem: Bool = false,
        windowsPESetting: SettingMatch? = nil,
        provenance: PropertyDefinition.Provenance = .sdk,
        note: String? = nil,
        properties: [PropertyDefinition]
    ) -> ClassDefinition {
        ClassDefinition(
            name: name,
            superclass: StepClass.action,
            kind: .action,
            displayName: displayName,
            commandLine: commandLine,
            actionCategory: category,
            variablePrefix: variablePrefix,
            defaultEnvironment: defaultEnvironment,
            deploysOperatingSystem: deploysOperatingSystem,
            windowsPESetting: windowsPESetting,
            properties: properties,
            provenance: provenance,
            note: note
        )
    }

    /// The declared property called `name` (case-insensitive).
    public func declaredProperty(_ name: String) -> PropertyDefinition? {
        declaredProperties.first { $0.name.equalsIgnoringCase(name) }
    }

    /// Class qualifiers in MOF spelling, for the daemon's schema.
    public var qualifiers: [Qualifier] {
        var result: [Qualifier] = []
        if isAbstract { result.append(Qualifier("Abstract")) }
        if let commandLine { result.append(Qualifier("CommandLine", .string(commandLine))) }
        if let actionCategory { result.append(Qualifier("ActionCategory", .strings([actionCategory.description]))) }
        if let variablePrefix { result.append(Qualifier("VariablePrefix", .string(variablePrefix))) }
        return result
    }
}

/// The `ActionCategory` class qualifier: `{"Category,ActionOrder,CategoryOrder"}`.
public struct ActionCategory: Sendable, Hashable, CustomStringConvertible {
    /// The editor's menu (General, Disks, User State, Images, Drivers, Settings, Software).
    public var category: String
    /// Position of the action within its category.
    public var order: Int
    /// Position of the category in the menu.
    public var categoryOrder: Int

    public init(_ category: String, _ order: Int, _ categoryOrder: Int) {
        self.category = category
        self.order = order
        self.categoryOrder = categoryOrder
    }

    public var description: String { "\(category),\(order),\(categoryOrder)" }
}

/// The values of SupportedEnvironment (the `runIn` attribute).
public enum SupportedEnvironment {
    public static let winPE = "WinPE"
    public static let fullOS = "FullOS"
    public static let winPEAndFullOS = "WinPEandFullOS"
    /// Every allowed value, in the SDK's order.
    public static let allValues = [winPE, fullOS, winPEAndFullOS]
}

/// A property having a given value (compared without regard to case).
public struct SettingMatch: Sendable, Hashable {
    public var property: String
    public var value: String

    public init(property: String, value: String) {
        self.property = property
        self.value = value
    }

    /// Whether `step` sets `property` to `value`.
    public func matches(_ step: Step) -> Bool {
        step.setting(property)?.equalsIgnoringCase(value) ?? false
    }
}
