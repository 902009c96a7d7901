import DBusKit
import Foundation
public import TaskSequenceModel

/// What a task sequence package (`SMS_TaskSequencePackage`) looks like at one moment: its
/// properties, read in one round trip.
///
/// The property names and meanings are WMI's (reference §2.2–2.3), and so are the JSON keys
/// (`PackageID`, `Name`, `SourceVersion` …), so `tsctl package show --json` and `busctl` agree.
/// Change a package through its ``PackageHandle``; this value does not follow later changes.
public struct PackageInfo: Sendable, Hashable, Codable {
    /// The key: the site code plus five hex digits (`PS100004`).
    public var packageID: String
    /// The name shown in the console (up to 255 characters).
    public var name: String
    /// The description.
    public var description: String
    /// Version text.
    public var version: String
    /// Manufacturer.
    public var manufacturer: String
    /// Language.
    public var language: String
    /// Category.
    public var category: String
    /// The boot image package the sequence runs in, or empty.
    public var bootImageID: String
    /// Estimated run time in minutes.
    public var duration: UInt32
    /// The program flags (default 152084496).
    public var programFlags: UInt32
    /// `PackageID;;Program` of a program to run first, or empty.
    public var dependentProgram: String
    /// The text shown while the sequence runs, or empty.
    public var customProgressMessage: String
    /// 1 for a generic task sequence, 2 for one that deploys an operating system (computed).
    public var type: UInt32
    /// Bit 0: a step references a package that does not exist (computed).
    public var taskSequenceFlags: UInt32
    /// The packages and programs the steps reference (computed).
    public var references: [PackageReference]
    /// How many references there are.
    public var referencesCount: UInt32
    /// Bumped by every change to the sequence; pass it to
    /// ``PackageHandle/setSequenceXML(_:expectingSourceVersion:)`` to detect concurrent edits.
    public var sourceVersion: UInt32
    /// When the sequence last changed, as a CIM datetime (`20240131120000.000000+000`).
    public var sourceDate: String
    /// When the content was last refreshed, as a CIM datetime, or empty.
    public var lastRefreshTime: String
    /// The site that owns the package.
    public var sourceSite: String
    /// Always 4: a task sequence package.
    public var packageType: UInt32
    /// The icon file (PNG or ICO bytes), empty when there is none; base64 in JSON.
    public var icon: Data
    /// The icon's size in bytes.
    public var iconSize: UInt32
    /// Whether the task sequence may run (``PackageHandle/enable()``, ``PackageHandle/disable()``).
    public var tsEnabled: Bool
    /// The platforms the sequence may run on; empty for any.
    public var supportedOperatingSystems: [OperatingSystemDetails]
    /// The security scopes the package belongs to (as imported).
    public var securedScopeNames: [String]
    /// Localized category names (as imported).
    public var localizedCategoryInstanceNames: [String]
    /// The optimistic-concurrency version the exporting site gave it (as imported).
    public var sedoObjectVersion: String
    /// Package flag bits.
    public var pkgFlags: UInt32
    /// The send priority.
    public var priority: UInt32
    /// The content size the exporting site computed.
    public var sourceSize: UInt32
    /// Every other SMS_TaskSequencePackage property the provider serves (ActionInProgress,
    /// ShareType, RefreshSchedule …), by WMI name; in JSON each is a key of its own.
    public var otherProperties: [String: PropertyValue]

    /// The property names as JSON keys: WMI's.
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

    /// Any JSON key, for ``otherProperties``.
    private struct OtherKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Properties the provider serves that are not fields here.
    private static let knownNames: Set<String> = Set(CodingKeys.allCases.map(\.rawValue)).union(["PackageID"])

    /// Whether the sequence deploys an operating system (``type`` 2).
    public var deploysOperatingSystem: Bool { type == 2 }

    init(_ properties: OrderedProperties) {
        packageID = properties.string("PackageID")
        name = properties.string("Name")
        description = properties.string("Description")
        version = properties.string("Version")
        manufacturer = properties.string("Manufacturer")
        language = properties.string("Language")
        category = properties.string("Category")
        bootImageID = properties.string("BootImageID")
        duration = properties.uint32("Duration")
        programFlags = properties.uint32("ProgramFlags")
        dependentProgram = properties.string("DependentProgram")
        customProgressMessage = properties.string("CustomProgressMsg")
        type = properties.uint32("Type")
        taskSequenceFlags = properties.uint32("TaskSequenceFlags")
        references = PackageReference.list(properties["References"])
        referencesCount = properties.uint32("ReferencesCount")
        sourceVersion = properties.uint32("SourceVersion")
        sourceDate = properties.string("SourceDate")
        lastRefreshTime = properties.string("LastRefreshTime")
        sourceSite = properties.string("SourceSite")
        packageType = properties.uint32("PackageType")
        icon = Self.bytes(properties["Icon"])
        iconSize = properties.uint32("IconSize")
        tsEnabled = properties["TsEnabled"].map { PropertyValue($0).boolValue ?? true } ?? true
        supportedOperatingSystems = OperatingSystemDetails.list(properties["SupportedOperatingSystems"])
        securedScopeNames = Self.texts(properties["SecuredScopeNames"])
        localizedCategoryInstanceNames = Self.texts(properties["LocalizedCategoryInstanceNames"])
        sedoObjectVersion = properties.string("SedoObjectVersion")
        pkgFlags = properties.uint32("PkgFlags")
        priority = properties.uint32("Priority")
        sourceSize = properties.uint32("SourceSize")
        otherProperties = [:]
        for (name, value) in properties.propertyValues where !Self.knownNames.contains(name) {
            otherProperties[name] = value
        }
    }

    private static func bytes(_ value: DBusValue?) -> Data {
        ExportReply.data(value)
    }

    private static func texts(_ value: DBusValue?) -> [String] {
        guard case .list(let items)? = value.map({ PropertyValue($0) }) else { return [] }
        return items.map(\.text)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        packageID = try container.decode(String.self, forKey: .packageID)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decode(String.self, forKey: .description)
        version = try container.decode(String.self, forKey: .version)
        manufacturer = try container.decode(String.self, forKey: .manufacturer)
        language = try container.decode(String.self, forKey: .language)
        category = try container.decode(String.self, forKey: .category)
        bootImageID = try container.decode(String.self, forKey: .bootImageID)
        duration = try container.decode(UInt32.self, forKey: .duration)
        programFlags = try container.decode(UInt32.self, forKey: .programFlags)
        dependentProgram = try container.decode(String.self, forKey: .dependentProgram)
        customProgressMessage = try container.decode(String.self, forKey: .customProgressMessage)
        type = try container.decode(UInt32.self, forKey: .type)
        taskSequenceFlags = try container.decode(UInt32.self, forKey: .taskSequenceFlags)
        var referenceList = try container.nestedUnkeyedContainer(forKey: .references)
        references = try PackageInfoJSON.references(from: &referenceList)
        referencesCount = try container.decode(UInt32.self, forKey: .referencesCount)
        sourceVersion = try container.decode(UInt32.self, forKey: .sourceVersion)
        sourceDate = try container.decode(String.self, forKey: .sourceDate)
        lastRefreshTime = try container.decode(String.self, forKey: .lastRefreshTime)
        sourceSite = try container.decode(String.self, forKey: .sourceSite)
        packageType = try container.decode(UInt32.self, forKey: .packageType)
        // Fields added with issue 12: JSON written before them still reads.
        icon = try container.decodeIfPresent(Data.self, forKey: .icon) ?? Data()
        iconSize = try container.decodeIfPresent(UInt32.self, forKey: .iconSize) ?? 0
        tsEnabled = try container.decodeIfPresent(Bool.self, forKey: .tsEnabled) ?? true
        if container.contains(.supportedOperatingSystems) {
            var platformList = try container.nestedUnkeyedContainer(forKey: .supportedOperatingSystems)
            supportedOperatingSystems = try PackageInfoJSON.platforms(from: &platformList)
        } else {
            supportedOperatingSystems = []
        }
        securedScopeNames = try container.decodeIfPresent([String].self, forKey: .securedScopeNames) ?? []
        localizedCategoryInstanceNames = try container.decodeIfPresent([String].self, forKey: .localizedCategoryInstanceNames) ?? []
        sedoObjectVersion = try container.decodeIfPresent(String.self, forKey: .sedoObjectVersion) ?? ""
        pkgFlags = try container.decodeIfPresent(UInt32.self, forKey: .pkgFlags) ?? 0
        priority = try container.decodeIfPresent(UInt32.self, forKey: .priority) ?? 0
        sourceSize = try container.decodeIfPresent(UInt32.self, forKey: .sourceSize) ?? 0
        let others = try decoder.container(keyedBy: OtherKey.self)
        otherProperties = [:]
        for key in others.allKeys where !Self.knownNames.contains(key.stringValue) {
            otherProperties[key.stringValue] = try others.decode(PropertyValue.self, forKey: key)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(packageID, forKey: .packageID)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(version, forKey: .version)
        try container.encode(manufacturer, forKey: .manufacturer)
        try container.encode(language, forKey: .language)
        try container.encode(category, forKey: .category)
        try container.encode(bootImageID, forKey: .bootImageID)
        try container.encode(duration, forKey: .duration)
        try container.encode(programFlags, forKey: .programFlags)
        try container.encode(dependentProgram, forKey: .dependentProgram)
        try container.encode(customProgressMessage, forKey: .customProgressMessage)
        try container.encode(type, forKey: .type)
        try container.encode(taskSequenceFlags, forKey: .taskSequenceFlags)
        var referenceList = container.nestedUnkeyedContainer(forKey: .references)
        try PackageInfoJSON.encode(references, into: &referenceList)
        try container.encode(referencesCount, forKey: .referencesCount)
        try container.encode(sourceVersion, forKey: .sourceVersion)
        try container.encode(sourceDate, forKey: .sourceDate)
        try container.encode(lastRefreshTime, forKey: .lastRefreshTime)
        try container.encode(sourceSite, forKey: .sourceSite)
        try container.encode(packageType, forKey: .packageType)
        try container.encode(icon, forKey: .icon)
        try container.encode(iconSize, forKey: .iconSize)
        try container.encode(tsEnabled, forKey: .tsEnabled)
        var platformList = container.nestedUnkeyedContainer(forKey: .supportedOperatingSystems)
        try PackageInfoJSON.encode(supportedOperatingSystems, into: &platformList)
        try container.encode(securedScopeNames, forKey: .securedScopeNames)
        try container.encode(localizedCategoryInstanceNames, forKey: .localizedCategoryInstanceNames)
        try container.encode(sedoObjectVersion, forKey: .sedoObjectVersion)
        try container.encode(pkgFlags, forKey: .pkgFlags)
        try container.encode(priority, forKey: .priority)
        try container.encode(sourceSize, forKey: .sourceSize)
        var others = encoder.container(keyedBy: OtherKey.self)
        for (name, value) in otherProperties { try others.encode(value, forKey: OtherKey(stringValue: name)) }
    }
}
