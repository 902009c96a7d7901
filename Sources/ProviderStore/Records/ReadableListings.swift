import TaskSequenceModel

// Listings filtered by what a caller may read: the policy's readable set becomes a condition of
// the statement here, in the store, so Read filtering stays in SQL on every engine.

extension ReadableSet {
    /// `WHERE`/`AND` plus the set's condition on `column`, or nothing when every row qualifies.
    func clause(_ keyword: String, on column: String, dialect: SQLDialect) -> SQLFragment {
        condition(on: column, dialect: dialect).map { SQLFragment(" \(keyword) ") + $0 } ?? SQLFragment("")
    }
}

extension PackageRow {
    /// The property columns, without the sequence's attributes and layout (which can be large
    /// and are not properties).
    private static let propertyColumns: [Columns] = [
        .packageID, .name, .description, .version, .manufacturer, .language, .category, .bootImageID, .duration, .programFlags,
        .dependentProgram, .customProgressMessage, .type, .taskSequenceFlags, .references, .referencesCount, .sourceVersion,
        .sourceDate, .lastRefreshTime, .sourceSite, .packageType, .iconSize,
    ]

    /// The properties of every package in `readable`, in PackageID order, read in one query —
    /// for listing many packages at once instead of one query each.
    public static func fetchAllProperties(_ db: StoreDatabase, readable: ReadableSet) throws -> [PackageProperties] {
        let filter = readable.clause("WHERE", on: Columns.packageID.rawValue, dialect: db.dialect)
        let columns = propertyColumns.map(\.sql).joined(separator: ", ")
        var result: [PackageProperties] = []
        try db.forEachRow("SELECT \(columns) FROM package\(filter.sql) ORDER BY packageID", filter.arguments) { values in
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
    /// The PackageIDs of `table` in `readable`, in order.
    public static func readableIDs(in table: PackageTable, _ db: StoreDatabase, readable: ReadableSet) throws -> [String] {
        let filter = readable.clause("WHERE", on: "packageID", dialect: db.dialect)
        return try db.values(String.self, "SELECT packageID FROM \(table.rawValue)\(filter.sql) ORDER BY packageID", filter.arguments)
    }
}

extension StepRow {
    /// The steps with a condition in the packages of `readable`, by package then ID.
    public static func conditionedStepKeys(_ db: StoreDatabase, readable: ReadableSet) throws -> [(packageID: String, stepID: Int64)] {
        let filter = readable.clause("AND", on: "packageID", dialect: db.dialect)
        return try db.rows("SELECT packageID, id FROM step WHERE hasCondition <> 0\(filter.sql) ORDER BY packageID, id", filter.arguments)
            .map { (try $0.decode(at: 0), try $0.decode(at: 1)) }
    }

    /// The steps of the classes `classNames` in the packages of `readable`, by package then ID.
    public static func stepKeys(_ db: StoreDatabase, ofClasses classNames: [String], readable: ReadableSet) throws -> [(packageID: String, stepID: Int64)] {
        guard !classNames.isEmpty else { return [] }
        let filter = readable.clause("AND", on: "packageID", dialect: db.dialect)
        let classes = SQLFragment.list(classNames)
        // Class names compare without case, as WQL's do, which lets SQLite read them from
        // step_on_packageID_className_nocase without the rows (PostgreSQL's className is citext).
        return try db.rows("SELECT packageID, id FROM step WHERE \(db.dialect.caseless("className")) IN \(classes.sql)\(filter.sql) ORDER BY packageID, id",
                           classes.arguments + filter.arguments)
            .map { (try $0.decode(at: 0), try $0.decode(at: 1)) }
    }
}

extension ConditionOperandRow {
    /// The operands of the classes `classNames` in the packages of `readable`, by package, step and ID.
    public static func operandKeys(_ db: StoreDatabase, ofClasses classNames: [String], readable: ReadableSet) throws
        -> [(packageID: String, stepID: Int64, operandID: Int64)] {
        guard !classNames.isEmpty else { return [] }
        let filter = readable.clause("AND", on: "s.packageID", dialect: db.dialect)
        let classes = SQLFragment.list(classNames)
        return try db.rows("""
            SELECT s.packageID, o.stepID, o.id FROM conditionOperand o JOIN step s ON s.id = o.stepID
            WHERE \(db.dialect.caseless("o.className")) IN \(classes.sql)\(filter.sql) ORDER BY s.packageID, o.stepID, o.id
            """, classes.arguments + filter.arguments)
            .map { (try $0.decode(at: 0), try $0.decode(at: 1), try $0.decode(at: 2)) }
    }
}

extension RevisionRow {
    /// ``latestWarnings(packageID:in:)`` of every package of `readable` in one query, for
    /// listings; packages without warnings are left out.
    public static func latestWarningsByPackage(_ db: StoreDatabase, readable: ReadableSet) throws -> [String: [String]] {
        let filter = readable.clause("AND", on: "packageID", dialect: db.dialect)
        var result: [String: [String]] = [:]
        try db.forEachRow("""
            SELECT packageID, warnings FROM revision
            WHERE id IN (SELECT MAX(id) FROM revision WHERE warnings IS NOT NULL\(filter.sql) GROUP BY packageID)
              AND warnings <> '[]'
            """, filter.arguments) { row in
            result[try row.decode(at: 0, as: String.self)] = try decodeWarnings(row.decode(at: 1, as: String?.self)) ?? []
        }
        return result
    }
}
