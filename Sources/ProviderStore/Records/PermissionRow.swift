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

    /// The columns of both entry tables (`classPermission` has no `instanceKey`).
    public enum Columns: String {
        case userName, objectKey, instanceKey, rights
    }

    public init(principal: String, objectKey: UInt32, instanceKey: String? = nil, rights: UInt32) {
        self.principal = principal
        self.objectKey = objectKey
        self.instanceKey = instanceKey
        self.rights = rights
    }

    init(row: SQLRow) throws {
        self.init(
            principal: try row.decode(Columns.userName), objectKey: try row.decode(Columns.objectKey),
            instanceKey: try row.decode(Columns.instanceKey, as: String?.self), rights: try row.decode(Columns.rights))
    }

    // MARK: Reading

    /// The row for `principal` on the class, or on one instance when `instanceKey` is given.
    public static func fetchOne(_ db: StoreDatabase, principal: String, objectKey: UInt32, instanceKey: String?) throws -> PermissionRow? {
        if let instanceKey {
            let rights = try db.value(UInt32.self, """
                SELECT rights FROM instancePermission WHERE userName = ? AND objectKey = ? AND instanceKey = ?
                """, [principal, objectKey, instanceKey])
            return rights.map { PermissionRow(principal: principal, objectKey: objectKey, instanceKey: instanceKey, rights: $0) }
        }
        let rights = try db.value(UInt32.self, "SELECT rights FROM classPermission WHERE userName = ? AND objectKey = ?", [principal, objectKey])
        return rights.map { PermissionRow(principal: principal, objectKey: objectKey, rights: $0) }
    }

    /// The rights any of `principals` hold on class `objectKey` and — when `instanceKey` is
    /// given — on that instance, OR-ed together.
    public static func combinedRights(_ db: StoreDatabase, principals: [String], objectKey: UInt32, instanceKey: String?) throws -> UInt32 {
        guard !principals.isEmpty else { return 0 }
        // A caller has a user and a few dozen groups at most: far below any parameter limit.
        var request = SQLFragment("SELECT rights FROM classPermission WHERE objectKey = ? AND userName IN ", [objectKey]) + .list(principals)
        if let instanceKey {
            request += SQLFragment(" UNION ALL SELECT rights FROM instancePermission WHERE objectKey = ? AND instanceKey = ? AND userName IN ",
                                   [objectKey, instanceKey]) + .list(principals)
        }
        return try db.values(UInt32.self, request.sql, request.arguments).reduce(0, |)
    }

    /// The entries of the class table (`instances` false) or the instance table that
    /// `visibility` lets a caller see, ordered by key.
    public static func fetchAll(_ db: StoreDatabase, instances: Bool, visibleUnder visibility: PermissionVisibility) throws -> [PermissionRow] {
        try fetchAll(db, instances: instances, where: visibility.condition(instances: instances, dialect: db.dialect))
    }

    /// The instance entries of one instance.
    public static func fetchAll(_ db: StoreDatabase, objectKey: UInt32, instanceKey: String) throws -> [PermissionRow] {
        try fetchAll(db, instances: true, where: SQLFragment("objectKey = ? AND instanceKey = ?", [objectKey, instanceKey]))
    }

    /// The instance entries of one principal on the instances of one class.
    public static func fetchAll(_ db: StoreDatabase, instanceEntriesOf principal: String, objectKey: UInt32) throws -> [PermissionRow] {
        try fetchAll(db, instances: true, where: SQLFragment("userName = ? AND objectKey = ?", [principal, objectKey]))
    }

    private static func fetchAll(_ db: StoreDatabase, instances: Bool, where condition: SQLFragment?) throws -> [PermissionRow] {
        let table = instances ? "instancePermission" : "classPermission"
        let columns = instances ? "userName, objectKey, instanceKey, rights" : "userName, objectKey, NULL AS instanceKey, rights"
        let order = instances ? "objectKey, instanceKey, userName" : "objectKey, userName"
        var request = SQLFragment("SELECT \(columns) FROM \(table)")
        if let condition { request += " WHERE " + condition }
        request.sql += " ORDER BY \(order)"
        return try db.rows(request.sql, request.arguments).map(PermissionRow.init(row:))
    }

    // MARK: Writing

    /// Inserts the row, or replaces the rights of the row with the same key.
    public func save(_ db: StoreDatabase) throws {
        if let instanceKey {
            try db.run("""
                INSERT INTO instancePermission (userName, objectKey, instanceKey, rights) VALUES (?, ?, ?, ?)
                ON CONFLICT (userName, objectKey, instanceKey) DO UPDATE SET rights = excluded.rights
                """, [principal, objectKey, instanceKey, rights])
        } else {
            try db.run("""
                INSERT INTO classPermission (userName, objectKey, rights) VALUES (?, ?, ?)
                ON CONFLICT (userName, objectKey) DO UPDATE SET rights = excluded.rights
                """, [principal, objectKey, rights])
        }
    }

    /// Deletes the row; returns whether there was one.
    @discardableResult
    public func delete(_ db: StoreDatabase) throws -> Bool {
        let changed = if let instanceKey {
            try db.run("DELETE FROM instancePermission WHERE userName = ? AND objectKey = ? AND instanceKey = ?", [principal, objectKey, instanceKey])
        } else {
            try db.run("DELETE FROM classPermission WHERE userName = ? AND objectKey = ?", [principal, objectKey])
        }
        return changed > 0
    }
}
