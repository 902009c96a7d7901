import GRDB

/// One task sequence variable of a collection (`SMS_CollectionSettings`) or of a computer
/// (`SMS_MachineSettings`), kept in the order it was first set.
public struct DeploymentVariableRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "deploymentVariable"

    /// Whose variables these are.
    public enum Owner: String, Codable, Sendable, Hashable {
        /// A collection, by CollectionID.
        case collection
        /// A computer, by ResourceID (decimal).
        case machine
    }

    public var ownerKind: Owner
    /// The CollectionID, or the computer's ResourceID in decimal.
    public var ownerKey: String
    public var position: Int
    public var name: String
    public var value: String
    public var isMasked: Bool

    public init(ownerKind: Owner, ownerKey: String, position: Int, name: String, value: String, isMasked: Bool) {
        self.ownerKind = ownerKind
        self.ownerKey = ownerKey
        self.position = position
        self.name = name
        self.value = value
        self.isMasked = isMasked
    }
}

extension DeploymentVariableRow {
    /// The variables of one owner, in the order they were set.
    public static func fetchAll(_ db: Database, owner: Owner, key: String) throws -> [DeploymentVariableRow] {
        try fetchAll(db, sql: "SELECT * FROM deploymentVariable WHERE ownerKind = ? AND ownerKey = ? ORDER BY position",
                     arguments: [owner.rawValue, key])
    }

    /// The owner keys of one kind that hold at least one variable.
    public static func ownerKeys(_ db: Database, owner: Owner) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT ownerKey FROM deploymentVariable WHERE ownerKind = ? ORDER BY ownerKey", arguments: [owner.rawValue])
    }

    /// The distinct names of the variables of one kind of owner whose key meets `restriction` (a
    /// condition on `ownerKey`; `nil` for every owner).
    public static func names(_ db: Database, owner: Owner, restrictedBy restriction: SQL?) throws -> [String] {
        let filter: SQL = restriction.map { "AND \($0)" } ?? ""
        let request: SQLRequest<String> = "SELECT DISTINCT name FROM deploymentVariable WHERE ownerKind = \(owner.rawValue) \(filter) ORDER BY name"
        return try request.fetchAll(db)
    }

    /// Writes one variable of an owner: the one of the same name (without case) changes its value
    /// and mask, keeping its place and spelling; a new one goes last.
    public static func save(_ db: Database, owner: Owner, key: String, name: String, value: String, isMasked: Bool) throws {
        try db.execute(sql: """
            UPDATE deploymentVariable SET value = ?, isMasked = ? WHERE ownerKind = ? AND ownerKey = ? AND name = ? COLLATE NOCASE
            """, arguments: [value, isMasked, owner.rawValue, key, name])
        guard db.changesCount == 0 else { return }
        let last = try Int.fetchOne(db, sql: "SELECT MAX(position) FROM deploymentVariable WHERE ownerKind = ? AND ownerKey = ?", arguments: [owner.rawValue, key])
        try DeploymentVariableRow(ownerKind: owner, ownerKey: key, position: (last ?? -1) + 1, name: name, value: value, isMasked: isMasked).insert(db)
    }

    /// Removes the variable named `name` (without case) of an owner.
    public static func delete(_ db: Database, owner: Owner, key: String, name: String) throws {
        try db.execute(sql: "DELETE FROM deploymentVariable WHERE ownerKind = ? AND ownerKey = ? AND name = ? COLLATE NOCASE",
                       arguments: [owner.rawValue, key, name])
    }
}
