import TaskSequenceModel

/// A task sequence package as stored: its properties, plus the `<sequence>` element's own
/// attributes and non-step children (its steps are rows of `step`).
public struct PackageRow: Sendable, Equatable {
    /// The `package` table's own columns; the properties kept by name add one column each
    /// (``PackagePropertyColumns``).
    public enum Columns: String, CaseIterable, Sendable {
        case packageID, name, description, version, manufacturer, language, category, bootImageID, duration, programFlags
        case dependentProgram, customProgressMessage, type, taskSequenceFlags, references, referencesCount, sourceVersion
        case sourceDate, lastRefreshTime, sourceSite, packageType, iconSize, sequenceAttributes, layout, createdByUID

        /// The column as SQL names it (`references` is a keyword on both engines).
        var sql: String { self == .references ? "\"references\"" : rawValue }
    }

    public var packageID: String
    public var name: String
    public var description: String
    public var version: String
    public var manufacturer: String
    public var language: String
    public var category: String
    public var bootImageID: String
    public var duration: UInt32
    public var programFlags: UInt32
    public var dependentProgram: String
    public var customProgressMessage: String
    public var type: UInt32
    public var taskSequenceFlags: UInt32
    /// JSON `[PackageReference]`.
    public var references: String
    public var referencesCount: UInt32
    public var sourceVersion: UInt32
    public var sourceDate: Int64
    public var lastRefreshTime: Int64
    public var sourceSite: String
    public var packageType: UInt32
    public var iconSize: UInt32
    /// JSON `AttributeList` of `<sequence>`.
    public var sequenceAttributes: String
    /// JSON `[LayoutEntry]`: the sequence's children other than steps.
    public var layout: String
    public var createdByUID: UInt32?
    /// The properties kept by name that differ from their defaults (columns of migration v4,
    /// named like the properties).
    public var extended: [String: PackageValue]

    public init(properties: PackageProperties, sequenceAttributes: AttributeList = ["version": "3.10"], createdByUID: UInt32? = nil) throws {
        packageID = properties.packageID
        name = properties.name
        description = properties.description
        version = properties.version
        manufacturer = properties.manufacturer
        language = properties.language
        category = properties.category
        bootImageID = properties.bootImageID
        duration = properties.duration
        programFlags = properties.programFlags
        dependentProgram = properties.dependentProgram
        customProgressMessage = properties.customProgressMessage
        type = properties.type
        taskSequenceFlags = properties.taskSequenceFlags
        references = try JSONColumn.encode(properties.references)
        referencesCount = properties.referencesCount
        sourceVersion = properties.sourceVersion
        sourceDate = properties.sourceDate
        lastRefreshTime = properties.lastRefreshTime
        sourceSite = properties.sourceSite
        packageType = properties.packageType
        iconSize = properties.iconSize
        self.sequenceAttributes = try JSONColumn.encode(sequenceAttributes)
        layout = "[]"
        self.createdByUID = createdByUID
        extended = properties.extended
    }

    /// The package's properties as the model has them.
    public func properties() throws -> PackageProperties {
        var properties = PackageProperties()
        properties.packageID = packageID
        properties.name = name
        properties.description = description
        properties.version = version
        properties.manufacturer = manufacturer
        properties.language = language
        properties.category = category
        properties.bootImageID = bootImageID
        properties.duration = duration
        properties.programFlags = programFlags
        properties.dependentProgram = dependentProgram
        properties.customProgressMessage = customProgressMessage
        properties.type = type
        properties.taskSequenceFlags = taskSequenceFlags
        properties.references = try JSONColumn.decode([PackageReference].self, from: references)
        properties.sourceVersion = sourceVersion
        properties.sourceDate = sourceDate
        properties.lastRefreshTime = lastRefreshTime
        properties.sourceSite = sourceSite
        properties.packageType = packageType
        properties.iconSize = iconSize
        for (name, value) in extended { properties.setValue(value, of: name) }
        // The icon sets IconSize; the stored size stays what was saved.
        properties.iconSize = iconSize
        return properties
    }

    /// Replaces every property but the key and the audit fields with `properties`.
    public mutating func update(from properties: PackageProperties) throws {
        let keep = (packageID, sequenceAttributes, layout, createdByUID)
        self = try PackageRow(properties: properties, createdByUID: keep.3)
        (packageID, sequenceAttributes, layout) = (keep.0, keep.1, keep.2)
    }

    /// The `<sequence>` element's attributes (its `version` is SMS_TaskSequence.SchemaVersion).
    public func sequenceAttributeList() throws -> AttributeList {
        try JSONColumn.decodeAttributes(sequenceAttributes)
    }

    /// The sequence's children other than steps.
    public func layoutEntries() throws -> [LayoutEntry] {
        try JSONColumn.decodeLayout(layout)
    }
}
