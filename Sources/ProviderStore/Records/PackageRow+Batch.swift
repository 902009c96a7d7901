import GRDB
import TaskSequenceModel

extension PackageRow {
    /// The property columns, without the sequence's attributes and layout (which can be large
    /// and are not properties).
    private static let propertyColumns = """
        packageID, name, description, version, manufacturer, language, category, bootImageID, duration, programFlags, \
        dependentProgram, customProgressMessage, type, taskSequenceFlags, "references", referencesCount, sourceVersion, \
        sourceDate, lastRefreshTime, sourceSite, packageType, iconSize
        """

    /// The properties of every package `restriction` selects (an SQL condition on the
    /// `package` table; every package when `nil`), in PackageID order, read in one query — for
    /// listing many packages at once instead of one query each.
    public static func fetchAllProperties(_ db: Database, where restriction: SQL?) throws -> [PackageProperties] {
        let filter: SQL = restriction.map { "WHERE \($0)" } ?? ""
        let request: SQLRequest<Row> = "SELECT \(sql: propertyColumns) FROM package \(filter) ORDER BY packageID"
        var result: [PackageProperties] = []
        let rows = try request.fetchCursor(db)
        while let row = try rows.next() {
            var properties = PackageProperties()
            properties.packageID = row[0]
            properties.name = row[1]
            properties.description = row[2]
            properties.version = row[3]
            properties.manufacturer = row[4]
            properties.language = row[5]
            properties.category = row[6]
            properties.bootImageID = row[7]
            properties.duration = row[8]
            properties.programFlags = row[9]
            properties.dependentProgram = row[10]
            properties.customProgressMessage = row[11]
            properties.type = row[12]
            properties.taskSequenceFlags = row[13]
            let references: String = row[14]
            properties.references = references == "[]" ? [] : try JSONColumn.decode([PackageReference].self, from: references)
            properties.sourceVersion = row[16]
            properties.sourceDate = row[17]
            properties.lastRefreshTime = row[18]
            properties.sourceSite = row[19]
            properties.packageType = row[20]
            properties.iconSize = row[21]
            result.append(properties)
        }
        return result
    }
}
