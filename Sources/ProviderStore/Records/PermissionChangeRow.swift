import GRDB

/// One change of rights, for the audit trail: who changed whose rights on what, from what to what.
public struct PermissionChangeRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "permissionChange"

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

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
