/// One change of rights, for the audit trail: who changed whose rights on what, from what to what.
public struct PermissionChangeRow: Sendable, Equatable {
    public var id: Int64?
    /// Seconds since the Unix epoch.
    public var time: Int64
    /// Who made the change.
    public var uid: UInt32
    public var userName: String
    /// Whose rights changed: a user name or `@group`.
    public var principal: String
    public var objectKey: UInt32
    /// `nil` for class rights.
    public var instanceKey: String?
    public var oldRights: UInt32
    public var newRights: UInt32
    /// What happened, for people: `grant`, `set`, `delete`, `creator`, `cascade`, `instance deleted`.
    public var change: String

    /// The columns of `permissionChange`.
    public enum Columns: String {
        case id, time, uid, userName, principal, objectKey, instanceKey, oldRights, newRights, change
    }

    public init(time: Int64, uid: UInt32, userName: String, entry: PermissionRow, oldRights: UInt32, change: String) {
        self.time = time
        self.uid = uid
        self.userName = userName
        self.principal = entry.principal
        self.objectKey = entry.objectKey
        self.instanceKey = entry.instanceKey
        self.oldRights = oldRights
        self.newRights = entry.rights
        self.change = change
    }

    init(row: SQLRow) throws {
        id = try row.decode(Columns.id)
        time = try row.decode(Columns.time)
        uid = try row.decode(Columns.uid)
        userName = try row.decode(Columns.userName)
        principal = try row.decode(Columns.principal)
        objectKey = try row.decode(Columns.objectKey)
        instanceKey = try row.decode(Columns.instanceKey, as: String?.self)
        oldRights = try row.decode(Columns.oldRights)
        newRights = try row.decode(Columns.newRights)
        change = try row.decode(Columns.change)
    }

    /// Every change, oldest first.
    public static func fetchAll(_ db: StoreDatabase) throws -> [PermissionChangeRow] {
        try db.rows("""
            SELECT id, time, uid, userName, principal, objectKey, instanceKey, oldRights, newRights, change
            FROM permissionChange ORDER BY id
            """).map(PermissionChangeRow.init(row:))
    }

    /// Appends the change to the trail and sets its `id`.
    public mutating func insert(_ db: StoreDatabase) throws {
        id = try db.insertReturningID("""
            INSERT INTO permissionChange (time, uid, userName, principal, objectKey, instanceKey, oldRights, newRights, change)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [time, uid, userName, principal, objectKey, instanceKey, oldRights, newRights, change])
    }
}
