import Foundation
public import TaskSequenceModel

/// What a task sequence package (`SMS_TaskSequencePackage`) looks like at one moment: the
/// model's ``PackageProperties``, read in one round trip, plus whatever the provider serves
/// that the model has no place for.
///
/// The fields read through: `info.name`, `info.sourceVersion`, `info.isEnabled`, `info.icon`
/// are the model's, with the model's types (times in seconds since 1970, the icon as bytes);
/// ``sourceDateText`` gives the CIM text where a caller shows it. Properties kept by name
/// (ShareType, RefreshSchedule …) are in `info.properties.value(of:)`, and as the provider
/// serves them in ``namedProperties``.
///
/// The JSON keys are WMI's (`PackageID`, `Name`, `SourceVersion` …), with times as CIM text,
/// so `tsctl package show --json` and `busctl` agree.
/// Change a package through its ``PackageHandle``; this value does not follow later changes.
@dynamicMemberLookup
public struct PackageInfo: Sendable, Hashable {
    /// The package's properties, as the model has them.
    public var properties: PackageProperties
    /// Properties the provider serves that the model does not keep (ImportWarnings …), by name.
    public var otherProperties: [String: PropertyValue]

    /// Wraps model properties, for a client that builds the value itself.
    public init(properties: PackageProperties, otherProperties: [String: PropertyValue] = [:]) {
        self.properties = properties
        self.otherProperties = otherProperties
    }

    /// A model property: `info.name`, `info.sourceDate`, `info.supportedOperatingSystems`.
    public subscript<Value>(dynamicMember keyPath: KeyPath<PackageProperties, Value>) -> Value {
        properties[keyPath: keyPath]
    }

    /// Whether the sequence deploys an operating system (Type 2).
    public var deploysOperatingSystem: Bool { properties.type == 2 }

    /// SourceDate as the provider serves it: a CIM datetime, empty when unknown.
    public var sourceDateText: String { CIMDateTime.wireText(fromSeconds: properties.sourceDate) }

    /// Every property without a JSON key of its own here, by WMI name, as the provider serves
    /// it: the model's properties kept by name and ``otherProperties``.
    public var namedProperties: [String: PropertyValue] {
        var named = otherProperties
        for definition in ExtendedPackageProperties.definitions where !Self.keyedNames.contains(definition.name) {
            let value = properties.value(of: definition.name) ?? ExtendedPackageProperties.defaultValue(of: definition)
            named[definition.name] = PropertyValue(value, definition)
        }
        return named
    }

    /// Reads a package's `GetAll` reply.
    init(_ served: OrderedProperties) {
        properties = PackageProperties()
        otherProperties = [:]
        for (name, value) in served.propertyValues { assign(value, toPropertyNamed: name) }
    }

    /// Puts one served value where it belongs: a field, a property kept by name, or
    /// ``otherProperties`` when the model has no place for it (or the value has another shape).
    private mutating func assign(_ value: PropertyValue, toPropertyNamed name: String) {
        switch name {
        case "References": properties.references = PackageReference.list(value)
        case "ReferencesCount": return
        case "SourceDate": properties.sourceDate = CIMDateTime.seconds(from: value.text) ?? 0
        case "LastRefreshTime": properties.lastRefreshTime = CIMDateTime.seconds(from: value.text) ?? 0
        default:
            if ExtendedPackageProperties.fieldNames.contains(name) {
                if properties.setProperty(named: name, to: value.text) == .assigned { return }
            } else if let definition = ExtendedPackageProperties.definition(named: name),
                      let packageValue = PackageValue(value, definition),
                      properties.setValue(packageValue, of: definition.name) == .assigned {
                return
            }
            otherProperties[name] = value
        }
    }
}

// MARK: JSON

extension PackageInfo: Codable {
    /// The properties with a JSON key of their own: WMI's names.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case packageID = "PackageID", name = "Name", description = "Description", version = "Version"
        case manufacturer = "Manufacturer", language = "Language", category = "Category", bootImageID = "BootImageID"
        case duration = "Duration", programFlags = "ProgramFlags", dependentProgram = "DependentProgram"
        case customProgressMessage = "CustomProgressMsg", type = "Type", taskSequenceFlags = "TaskSequenceFlags"
        case references = "References", referencesCount = "ReferencesCount", sourceVersion = "SourceVersion"
        case sourceDate = "SourceDate", lastRefreshTime = "LastRefreshTime", sourceSite = "SourceSite", packageType = "PackageType"
        case icon = "Icon", iconSize = "IconSize", tsEnabled = "TsEnabled", supportedOperatingSystems = "SupportedOperatingSystems"
        case securedScopeNames = "SecuredScopeNames", localizedCategoryInstanceNames = "LocalizedCategoryInstanceNames"
        case sedoObjectVersion = "SedoObjectVersion", pkgFlags = "PkgFlags", priority = "Priority", sourceSize = "SourceSize"
    }

    /// Any JSON key, for ``namedProperties``.
    private struct NamedKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The names written under their own key; the rest go in ``namedProperties``.
    static let keyedNames: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))

    /// Reads the JSON ``encode(to:)`` writes; keys added with issue 12 (Icon onwards) may be
    /// missing, as in JSON written before them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var properties = PackageProperties()
        properties.packageID = try container.decode(String.self, forKey: .packageID)
        properties.name = try container.decode(String.self, forKey: .name)
        properties.description = try container.decode(String.self, forKey: .description)
        properties.version = try container.decode(String.self, forKey: .version)
        properties.manufacturer = try container.decode(String.self, forKey: .manufacturer)
        properties.language = try container.decode(String.self, forKey: .language)
        properties.category = try container.decode(String.self, forKey: .category)
        properties.bootImageID = try container.decode(String.self, forKey: .bootImageID)
        properties.duration = try container.decode(UInt32.self, forKey: .duration)
        properties.programFlags = try container.decode(UInt32.self, forKey: .programFlags)
        properties.dependentProgram = try container.decode(String.self, forKey: .dependentProgram)
        properties.customProgressMessage = try container.decode(String.self, forKey: .customProgressMessage)
        properties.type = try container.decode(UInt32.self, forKey: .type)
        properties.taskSequenceFlags = try container.decode(UInt32.self, forKey: .taskSequenceFlags)
        var referenceList = try container.nestedUnkeyedContainer(forKey: .references)
        properties.references = try PackageInfoJSON.references(from: &referenceList)
        properties.sourceVersion = try container.decode(UInt32.self, forKey: .sourceVersion)
        properties.sourceDate = try Self.seconds(container, .sourceDate)
        properties.lastRefreshTime = try Self.seconds(container, .lastRefreshTime)
        properties.sourceSite = try container.decode(String.self, forKey: .sourceSite)
        properties.packageType = try container.decode(UInt32.self, forKey: .packageType)
        properties.icon = [UInt8](try container.decodeIfPresent(Data.self, forKey: .icon) ?? Data())
        properties.iconSize = try container.decodeIfPresent(UInt32.self, forKey: .iconSize) ?? properties.iconSize
        properties.setValue(.boolean(try container.decodeIfPresent(Bool.self, forKey: .tsEnabled) ?? true), of: "TsEnabled")
        if container.contains(.supportedOperatingSystems) {
            var platformList = try container.nestedUnkeyedContainer(forKey: .supportedOperatingSystems)
            properties.supportedOperatingSystems = try PackageInfoJSON.platforms(from: &platformList)
        }
        let texts: [(CodingKeys, String)] = [(.securedScopeNames, "SecuredScopeNames"), (.localizedCategoryInstanceNames, "LocalizedCategoryInstanceNames")]
        for (key, name) in texts {
            if let value = try container.decodeIfPresent([String].self, forKey: key) { properties.setValue(.texts(value), of: name) }
        }
        if let version = try container.decodeIfPresent(String.self, forKey: .sedoObjectVersion) { properties.setValue(.text(version), of: "SedoObjectVersion") }
        for (key, name) in [(CodingKeys.pkgFlags, "PkgFlags"), (.priority, "Priority"), (.sourceSize, "SourceSize")] {
            if let number = try container.decodeIfPresent(UInt32.self, forKey: key) { properties.setValue(.number(number), of: name) }
        }
        self.init(properties: properties)
        let named = try decoder.container(keyedBy: NamedKey.self)
        for key in named.allKeys where !Self.keyedNames.contains(key.stringValue) {
            assign(try named.decode(PropertyValue.self, forKey: key), toPropertyNamed: key.stringValue)
        }
    }

    /// A time from its CIM text; empty is 0.
    private static func seconds(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Int64 {
        let text = try container.decode(String.self, forKey: key)
        if text.isEmpty { return 0 }
        guard let seconds = CIMDateTime.seconds(from: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(text)' is not a CIM datetime")
        }
        return seconds
    }

    /// Writes every property under its WMI name, as the provider serves it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(properties.packageID, forKey: .packageID)
        try container.encode(properties.name, forKey: .name)
        try container.encode(properties.description, forKey: .description)
        try container.encode(properties.version, forKey: .version)
        try container.encode(properties.manufacturer, forKey: .manufacturer)
        try container.encode(properties.language, forKey: .language)
        try container.encode(properties.category, forKey: .category)
        try container.encode(properties.bootImageID, forKey: .bootImageID)
        try container.encode(properties.duration, forKey: .duration)
        try container.encode(properties.programFlags, forKey: .programFlags)
        try container.encode(properties.dependentProgram, forKey: .dependentProgram)
        try container.encode(properties.customProgressMessage, forKey: .customProgressMessage)
        try container.encode(properties.type, forKey: .type)
        try container.encode(properties.taskSequenceFlags, forKey: .taskSequenceFlags)
        var referenceList = container.nestedUnkeyedContainer(forKey: .references)
        try PackageInfoJSON.encode(properties.references, into: &referenceList)
        try container.encode(properties.referencesCount, forKey: .referencesCount)
        try container.encode(properties.sourceVersion, forKey: .sourceVersion)
        try container.encode(CIMDateTime.wireText(fromSeconds: properties.sourceDate), forKey: .sourceDate)
        try container.encode(CIMDateTime.wireText(fromSeconds: properties.lastRefreshTime), forKey: .lastRefreshTime)
        try container.encode(properties.sourceSite, forKey: .sourceSite)
        try container.encode(properties.packageType, forKey: .packageType)
        try container.encode(Data(properties.icon), forKey: .icon)
        try container.encode(properties.iconSize, forKey: .iconSize)
        try container.encode(properties.isEnabled, forKey: .tsEnabled)
        var platformList = container.nestedUnkeyedContainer(forKey: .supportedOperatingSystems)
        try PackageInfoJSON.encode(properties.supportedOperatingSystems, into: &platformList)
        try container.encode(properties.securedScopeNames, forKey: .securedScopeNames)
        try container.encode(properties.localizedCategoryInstanceNames, forKey: .localizedCategoryInstanceNames)
        try container.encode(properties.sedoObjectVersion, forKey: .sedoObjectVersion)
        try container.encode(properties.pkgFlags, forKey: .pkgFlags)
        try container.encode(properties.priority, forKey: .priority)
        try container.encode(properties.sourceSize, forKey: .sourceSize)
        var named = encoder.container(keyedBy: NamedKey.self)
        for (name, value) in namedProperties { try named.encode(value, forKey: NamedKey(stringValue: name)) }
    }
}
