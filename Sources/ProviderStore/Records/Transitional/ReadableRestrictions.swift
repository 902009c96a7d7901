import GRDB
import TaskSequenceModel

// Listings filtered by what a caller may read. The restriction is the policy's readable set as
// an SQL condition, which the policy still builds as GRDB's `SQL`: these requests move onto
// `StoreDatabase` with the store-built readable set (seam-security-query), and this file goes.

extension PackageRow {
    /// The property columns, without the sequence's attributes and layout (which can be large
    /// and are not properties).
    private static let propertyColumns: [Columns] = [
        .packageID, .name, .description, .version, .manufacturer, .language, .category, .bootImageID, .duration, .programFlags,
        .dependentProgram, .customProgressMessage, .type, .taskSequenceFlags, .references, .referencesCount, .sourceVersion,
        .sourceDate, .lastRefreshTime, .sourceSite, .packageType, .iconSize,
    ]

    /// The properties of every package `restriction` selects (an SQL condition on `packageID`;
    /// every package when `nil`), in PackageID order, read in one query — for listing many
    /// packages at once instead of one query each.
    public static func fetchAllProperties(_ db: Database, where restriction: (SQL) throws -> SQL?) throws -> [PackageProperties] {
        let filter: SQL = try restriction(SQL(sql: Columns.packageID.rawValue)).map { "WHERE \($0)" } ?? ""
        let request: SQLRequest<Row> = "SELECT \(sql: propertyColumns.map(\.sql).joined(separator: ", ")) FROM package \(filter) ORDER BY packageID"
        var result: [PackageProperties] = []
        let rows = try request.fetchCursor(db)
        while let row = try rows.next() {
            let values = SQLRow(columns: SQLColumns(propertyColumns.map(\.rawValue)), values: row.databaseValues.map(SQLValue.init))
            var properties = PackageProperties()
            properties.packageID = try values.decode(Columns.packageID)
            properties.name = try values.decode(Columns.name)
            properties.description = try values.decode(Columns.description)
            properties.version = try values.decode(Columns.version)
            properties.manufacturer = try values.decode(Columns.manufacturer)
            properties.language = try values.decode(Columns.language)
            properties.category = try values.decode(Columns.category)
            properties.bootImageID = try values.decode(Columns.bootImageID)
            properties.duration = try values.decode(Columns.duration)
            properties.programFlags = try values.decode(Columns.programFlags)
            properties.dependentProgram = try values.decode(Columns.dependentProgram)
            properties.customProgressMessage = try values.decode(Columns.customProgressMessage)
            properties.type = try values.decode(Columns.type)
            properties.taskSequenceFlags = try values.decode(Columns.taskSequenceFlags)
            let references: String = try values.decode(Columns.references)
            properties.references = references == "[]" ? [] : try JSONColumn.decode([PackageReference].self, from: references)
            properties.sourceVersion = try values.decode(Columns.sourceVersion)
            properties.sourceDate = try values.decode(Columns.sourceDate)
            properties.lastRefreshTime = try values.decode(Columns.lastRefreshTime)
            properties.sourceSite = try values.decode(Columns.sourceSite)
            properties.packageType = try values.decode(Columns.packageType)
            properties.iconSize = try values.decode(Columns.iconSize)
            result.append(properties)
        }
        return result
    }
}

/// The tables whose rows a readable-set listing returns by PackageID.
public enum PackageTable: String, Sendable {
    case package
    case smsPackage
}

extension PackageKeys {
    /// The PackageIDs of `table` that `restriction` selects (a condition on `packageID`), in order.
    public static func readableIDs(in table: PackageTable, _ db: Database, where restriction: (SQL) throws -> SQL?) throws -> [String] {
        let filter: SQL = try restriction(SQL(sql: "packageID")).map { "WHERE \($0)" } ?? ""
        let request: SQLRequest<String> = "SELECT packageID FROM \(sql: table.rawValue) \(filter) ORDER BY packageID"
        return try request.fetchAll(db)
    }
}

extension StepRow {
    /// The steps with a condition in the packages `restriction` selects, by package then ID.
    public static func conditionedStepKeys(_ db: Database, where restriction: (SQL) throws -> SQL?) throws -> [(packageID: String, stepID: Int64)] {
        let filter: SQL = try restriction(SQL(sql: "packageID")).map { " AND \($0)" } ?? ""
        let request: SQLRequest<Row> = "SELECT packageID, id FROM step WHERE hasCondition <> 0\(filter) ORDER BY packageID, id"
        return try request.fetchAll(db).map { ($0[0], $0[1]) }
    }

    /// The steps of the classes `classNames` in the packages `restriction` selects, by package then ID.
    public static func stepKeys(_ db: Database, ofClasses classNames: [String], where restriction: (SQL) throws -> SQL?) throws -> [(packageID: String, stepID: Int64)] {
        let filter: SQL = try restriction(SQL(sql: "packageID")).map { " AND \($0)" } ?? ""
        let request: SQLRequest<Row> = "SELECT packageID, id FROM step WHERE className IN \(classNames)\(filter) ORDER BY packageID, id"
        return try request.fetchAll(db).map { ($0[0], $0[1]) }
    }
}

extension ConditionOperandRow {
    /// The operands of the classes `classNames` in the packages `restriction` selects, by package, step and ID.
    public static func operandKeys(_ db: Database, ofClasses classNames: [String], where restriction: (SQL) throws -> SQL?) throws
        -> [(packageID: String, stepID: Int64, operandID: Int64)] {
        let filter: SQL = try restriction(SQL(sql: "s.packageID")).map { " AND \($0)" } ?? ""
        let request: SQLRequest<Row> = """
            SELECT s.packageID, o.stepID, o.id FROM conditionOperand o JOIN step s ON s.id = o.stepID
            WHERE o.className IN \(classNames)\(filter) ORDER BY s.packageID, o.stepID, o.id
            """
        return try request.fetchAll(db).map { ($0[0], $0[1], $0[2]) }
    }
}

extension RevisionRow {
    /// ``latestWarnings(packageID:in:)`` of every package `restriction` selects (a condition on
    /// `packageID`) in one query, for listings; packages without warnings are left out.
    public static func latestWarningsByPackage(_ db: Database, where restriction: (SQL) throws -> SQL?) throws -> [String: [String]] {
        let filter: SQL = try restriction(SQL(sql: "packageID")).map { "AND \($0)" } ?? ""
        let request: SQLRequest<Row> = """
            SELECT packageID, warnings FROM revision
            WHERE id IN (SELECT MAX(id) FROM revision WHERE warnings IS NOT NULL \(filter) GROUP BY packageID)
              AND warnings <> '[]'
            """
        var result: [String: [String]] = [:]
        let rows = try request.fetchCursor(db)
        while let row = try rows.next() {
            result[row[0]] = try decodeWarnings(row[1]) ?? []
        }
        return result
    }
}
