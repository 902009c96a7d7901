import Foundation
import TaskSequenceModel

// PackageRow reads and writes its columns by hand: the properties kept by name are one column
// each, which Codable's one-key-per-field cannot say.
extension PackageRow {
    /// Decodes a row of `SELECT * FROM package`.
    public init(row: SQLRow) throws {
        packageID = try row.decode(Columns.packageID)
        name = try row.decode(Columns.name)
        description = try row.decode(Columns.description)
        version = try row.decode(Columns.version)
        manufacturer = try row.decode(Columns.manufacturer)
        language = try row.decode(Columns.language)
        category = try row.decode(Columns.category)
        bootImageID = try row.decode(Columns.bootImageID)
        duration = try row.decode(Columns.duration)
        programFlags = try row.decode(Columns.programFlags)
        dependentProgram = try row.decode(Columns.dependentProgram)
        customProgressMessage = try row.decode(Columns.customProgressMessage)
        type = try row.decode(Columns.type)
        taskSequenceFlags = try row.decode(Columns.taskSequenceFlags)
        references = try row.decode(Columns.references)
        referencesCount = try row.decode(Columns.referencesCount)
        sourceVersion = try row.decode(Columns.sourceVersion)
        sourceDate = try row.decode(Columns.sourceDate)
        lastRefreshTime = try row.decode(Columns.lastRefreshTime)
        sourceSite = try row.decode(Columns.sourceSite)
        packageType = try row.decode(Columns.packageType)
        iconSize = try row.decode(Columns.iconSize)
        sequenceAttributes = try row.decode(Columns.sequenceAttributes)
        layout = try row.decode(Columns.layout)
        createdByUID = try row.decode(Columns.createdByUID)
        extended = [:]
        for definition in ExtendedPackageProperties.definitions {
            let value = try PackagePropertyColumns.value(row[definition.name], as: definition)
            if value != ExtendedPackageProperties.defaultValue(of: definition) { extended[definition.name] = value }
        }
    }

    /// Every column's value, in the order of ``allColumnNames``.
    func columnValues() throws -> [SQLValue] {
        var values: [SQLValue] = [
            packageID.sqlValue, name.sqlValue, description.sqlValue, version.sqlValue, manufacturer.sqlValue, language.sqlValue,
            category.sqlValue, bootImageID.sqlValue, duration.sqlValue, programFlags.sqlValue, dependentProgram.sqlValue,
            customProgressMessage.sqlValue, type.sqlValue, taskSequenceFlags.sqlValue, references.sqlValue, referencesCount.sqlValue,
            sourceVersion.sqlValue, sourceDate.sqlValue, lastRefreshTime.sqlValue, sourceSite.sqlValue, packageType.sqlValue,
            iconSize.sqlValue, sequenceAttributes.sqlValue, layout.sqlValue, createdByUID.sqlValue,
        ]
        values.reserveCapacity(values.count + ExtendedPackageProperties.definitions.count)
        for definition in ExtendedPackageProperties.definitions {
            let value = extended[definition.name] ?? ExtendedPackageProperties.defaultValue(of: definition)
            values.append(try PackagePropertyColumns.sqlValue(of: value))
        }
        return values
    }

    /// The own columns then one per property kept by name, as SQL names them.
    static let allColumnNames: [String] = Columns.allCases.map(\.sql) + ExtendedPackageProperties.definitions.map(\.name)
}
