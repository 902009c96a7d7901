/// The properties of an SMS_TaskSequencePackage (reference §2.2–2.3) apart from its sequence.
///
/// Defaults are the ones ConfigMgr gives a new task sequence package.
public struct PackageProperties: Sendable, Hashable, Codable {
    /// Key: site code plus five hex digits (`PS100004`); empty until the provider assigns one.
    public var packageID: String = ""
    public var name: String = ""
    public var description: String = ""
    public var version: String = ""
    public var manufacturer: String = ""
    public var language: String = ""
    public var category: String = ""
    /// PackageID of the boot image the sequence uses, if any.
    public var bootImageID: String = ""
    /// Approximate run time in minutes.
    public var duration: UInt32 = 0
    /// Program flags bit field; default 0x0910A010.
    public var programFlags: UInt32 = PackageProperties.defaultProgramFlags
    /// `<PackageID>;;<ProgramName>` of a program to run first.
    public var dependentProgram: String = ""
    public var customProgressMessage: String = ""
    /// 1 = generic task sequence, 2 = operating system deployment (derived from the sequence).
    public var type: UInt32 = 1
    /// Bit 0 DANGLING_REF: the sequence references a package the site does not have.
    public var taskSequenceFlags: UInt32 = 0
    /// Packages, programs and applications the sequence references (derived from the sequence).
    public var references: [PackageReference] = []
    /// Incremented on every saved change.
    public var sourceVersion: UInt32 = 0
    /// Seconds since the Unix epoch of the last saved change (CIM datetime on export).
    public var sourceDate: Int64 = 0
    public var lastRefreshTime: Int64 = 0
    /// Site code of the site that owns the package.
    public var sourceSite: String = ""
    /// Always 4 for task sequence packages.
    public var packageType: UInt32 = 4
    /// Size of the package icon; 0 when there is none. Follows ``icon``.
    public var iconSize: UInt32 = 0
    /// The values of the properties kept by name (``ExtendedPackageProperties``) that differ
    /// from their defaults, by WMI name.
    public private(set) var extended: [String: PackageValue] = [:]

    public init() {}

    public var referencesCount: UInt32 { UInt32(clamping: references.count) }

    /// The value of the property kept by name `name` (case-insensitive): the stored one or its
    /// default; `nil` when no such property is kept by name.
    public func value(of name: String) -> PackageValue? {
        guard let definition = ExtendedPackageProperties.definition(named: name) else { return nil }
        return extended[definition.name] ?? ExtendedPackageProperties.defaultValue(of: definition)
    }

    /// What ``setValue(_:of:)`` did.
    public enum ValueAssignment: Sendable, Hashable {
        case assigned
        /// No property kept by name has that name.
        case unknownProperty
        /// The value has another shape than the property's CIM type.
        case wrongType
    }

    /// Sets a property kept by name. Setting Icon sets IconSize, ExtendedData and ISVData set
    /// their sizes.
    @discardableResult
    public mutating func setValue(_ value: PackageValue, of name: String) -> ValueAssignment {
        guard let definition = ExtendedPackageProperties.definition(named: name) else { return .unknownProperty }
        return setValue(value, of: definition)
    }

    /// ``setValue(_:of:)`` for a definition already found.
    @discardableResult
    mutating func setValue(_ value: PackageValue, of definition: PropertyDefinition) -> ValueAssignment {
        guard ExtendedPackageProperties.fits(value, definition) else { return .wrongType }
        extended[definition.name] = value == ExtendedPackageProperties.defaultValue(of: definition) ? nil : value
        if case .bytes(let bytes) = value {
            if definition.name == "Icon" { iconSize = UInt32(clamping: bytes.count) }
            if let size = ExtendedPackageProperties.sizeOfBlob[definition.name] { setValue(.number(UInt32(clamping: bytes.count)), of: size) }
        }
        return .assigned
    }

    /// The package icon's bytes (a PNG or ICO file); empty when there is none.
    public var icon: [UInt8] {
        get { if case .bytes(let bytes)? = value(of: "Icon") { bytes } else { [] } }
        set { setValue(.bytes(newValue), of: "Icon") }
    }

    /// Whether the task sequence may run: TsEnabled, which ``setEnabled(_:)`` keeps in step
    /// with ProgramFlags' DISABLED bit.
    public var isEnabled: Bool {
        if case .boolean(let enabled)? = value(of: "TsEnabled") { enabled } else { true }
    }

    /// Enables or disables the task sequence as Enable-/Disable-CMTaskSequence do: TsEnabled
    /// and ProgramFlags bit 0x1000 (DISABLED) together.
    public mutating func setEnabled(_ enabled: Bool) {
        setValue(.boolean(enabled), of: "TsEnabled")
        if enabled {
            programFlags &= ~Self.disabledProgramFlag
        } else {
            programFlags |= Self.disabledProgramFlag
        }
    }

    /// The platforms the sequence may run on (SupportedOperatingSystems).
    public var supportedOperatingSystems: [OperatingSystemDetails] {
        get { if case .objects(let objects)? = value(of: "SupportedOperatingSystems") { objects.map(OperatingSystemDetails.init) } else { [] } }
        set { setValue(.objects(newValue.map(\.instance)), of: "SupportedOperatingSystems") }
    }

    /// ConfigMgr's default ProgramFlags for a task sequence package.
    public static let defaultProgramFlags: UInt32 = 0x0910_A010
    /// TaskSequenceFlags bit: a referenced package is not defined on the site.
    public static let danglingReferenceFlag: UInt32 = 0x1
    /// ProgramFlags bit that disables the task sequence.
    public static let disabledProgramFlag: UInt32 = 0x1000
}
