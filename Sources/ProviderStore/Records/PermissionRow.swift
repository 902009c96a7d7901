import GRDB

/// One principal's rights on a class (`instanceKey` nil: a row of `classPermission`) or on one
/// instance of it (a row of `instancePermission`).
///
/// The two tables share this type because every rule treats them alike but for the key.
public struct PermissionRow: Sendable, Hashable {
    /// A Unix user name, or `@group`.
    public var principal: String
    /// The SMS object key of the class (20 task sequence packages, 2 packages).
    public var objectKey: UInt32
    /// The instance's key as the store spells it; `nil` for class rights.
    public var instanceKey: String?
    /// SMS permission bits.
    public var rights: UInt32

    public init(principal: String, objectKey: UInt32, instanceKey: String? = nil, rights: UInt32) {
        self.principal = principal
        self.objectKey = objectKey
        self.instanceKey = instanceKey
        self.rights = rights
    }

    private static func table(forInstance: Bool) -> String {
        forInstance ? "instancePermission" : "classPermission"
    }

    // MARK: Reading

    /// The row for `principal` on the class, or on one instance when `instanceKey` is given.
    public static func fetchOne(_ db: Database, principal: String, objectKey: UInt32, instanceKey: String?) throws -> PermissionRow? {
        if let instanceKey {
            let rights = try UInt32.fetchOne(db, sql: """
                SELECT rights FROM instancePermission WHERE userName = ? AND objectKey = ? AND instanceKey = ?
                """, arguments: [principal, objectKey, instanceKey])
            return rights.map { PermissionRow(principal: principal, objectKey: objectKey, instanceKey: instanceKey, rights: $0) }
        }
        let rights = try UInt32.fetchOne(db, sql: "SELECT rights FROM classPermission WHERE userName = ? AND objectKey = ?",
                                         arguments: [principal, objectKey])
        return rights.map { PermissionRow(principal: principal, objectKey: objectKey, rights: $0) }
    }

    /// The rights any of `principals` hold on class `objectKey` and — when `instanceKey` is
    /// given — on that instance, OR-ed together.
    public static func combinedRights(_ db: Database, principals: [String], objectKey: UInt32, instanceKey: String?) throws -> UInt32 {
        guard !principals.isEmpty else { return 0 }
        // A caller has a user and a few dozen groups at most: far below SQLite's parameter limit.
        let marks = databaseQuestionMarks(count: principals.count)
        var sql = "SELECT rights FROM classPermission WHERE objectKey = ? AND userName IN (\(marks))"
        var arguments: StatementArguments = [objectKey] + StatementArguments(principals)
        if let instanceKey {
            sql += " UNION ALL SELECT rights FROM instancePermission WHERE objectKey = ? AND instanceKey = ? AND userName IN (\(marks))"
            arguments += [objectKey, instanceKey] + StatementArguments(principals)
        }
        return try UInt32.fetchAll(db, sql: sql, arguments: arguments).reduce(0, |)
    }

    /// Every row of the class table (`instances` false) or the instance table matching `condition`
    /// (trusted SQL over the columns `userName`, `objectKey`, `instanceKey`, `rights`), ordered
    /// by key.
    public static func fetchAll(_ db: Database, instances: Bool, where condition: SQL? = nil) throws -> [PermissionRow] {
        let table = SQL(sql: table(forInstance: instances))
        let columns: SQL = instances ? "userName, objectKey, instanceKey, rights" : "userName, objectKey, NULL, rights"
        let order: SQL = instances ? "objectKey, instanceKey, userName" : "objectKey, userName"
        let filter: SQL = condition.map { "WHERE \($0)" } ?? ""
        let request: SQLRequest<Row> = "SELECT \(columns) FROM \(table) \(filter) ORDER BY \(order)"
        return try request.fetchAll(db).map { row in
            PermissionRow(principal: row[0], objectKey: row[1], instanceKey: row[2], rights: row[3])
        }
    }

    // MARK: Writing

    /// Inserts the row, or replaces the rights of the row with the same key.
    public func save(_ db: Database) throws {
        if let instanceKey {
            try db.execute(sql: """
                INSERT INTO instancePermission (userName, objectKey, instanceKey, rights) VALUES (?, ?, ?, ?)
                ON CONFLICT (userName, objectKey, instanceKey) DO UPDATE SET rights = excluded.rights
                """, arguments: [principal, objectKey, instanceKey, rights])
        } else {
            try db.execute(sql: """
                INSERT INTO classPermission (userName, objectKey, rights) VALUES (?, ?, ?)
                ON CONFLICT (userName, objectKey) DO UPDATE SET rights = excluded.rights
                """, arguments: [principal, objectKey, rights])
        }
    }

    /// Deletes the row; returns whether there was one.
    @discardableResult
    public func delete(_ db: Database) throws -> Bool {
        if let instanceKey {
            try db.execute(sql: "DELETE FROM instancePermission WHERE userName = ? AND objectKey = ? AND instanceKey = ?",
                           arguments: [principal, objectKey, instanceKey])
        } else {
            try db.execute(sql: "DELETE FROM classPermission WHERE userName = ? AND objectKey = ?", arguments: [principal, objectKey])
        }
        return db.changesCount > 0
    }
}
