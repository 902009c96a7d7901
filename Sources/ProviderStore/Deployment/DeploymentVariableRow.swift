/// One task sequence variable of a collection (`SMS_CollectionSettings`) or of a computer
/// (`SMS_MachineSettings`), kept in the order it was first set.
public struct DeploymentVariableRow: Codable, Sendable, Equatable {
    public static let databaseTableName = "deploymentVariable"

    /// The table's columns, as the store's SQL names them.
    public enum Columns: String, CaseIterable {
        case ownerKind, ownerKey, position, name, value, isMasked
    }

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

    init(row: SQLRow) throws {
        let kind: String = try row.decode(Columns.ownerKind)
        guard let owner = Owner(rawValue: kind) else { throw StoreError.corrupt("deploymentVariable.ownerKind holds \(kind), not collection or machine") }
        self.init(ownerKind: owner, ownerKey: try row.decode(Columns.ownerKey), position: try row.decode(Columns.position),
                  name: try row.decode(Columns.name), value: try row.decode(Columns.value), isMasked: try row.decode(Columns.isMasked))
    }
}

extension DeploymentVariableRow {
    /// The variables of one owner, in the order they were set.
    public static func fetchAll(_ db: StoreDatabase, owner: Owner, key: String) throws -> [DeploymentVariableRow] {
        try db.rows("""
            SELECT ownerKind, ownerKey, position, name, value, isMasked FROM deploymentVariable WHERE ownerKind = ? AND ownerKey = ? ORDER BY position
            """, [owner.rawValue, key]).map(DeploymentVariableRow.init(row:))
    }

    /// The owner keys of one kind that hold at least one variable.
    public static func ownerKeys(_ db: StoreDatabase, owner: Owner) throws -> [String] {
        try db.values(String.self, "SELECT DISTINCT ownerKey FROM deploymentVariable WHERE ownerKind = ? ORDER BY ownerKey", [owner.rawValue])
    }

    /// Writes one variable of an owner: the one of the same name (without case) changes its value
    /// and mask, keeping its place and spelling; a new one goes last.
    public static func save(_ db: StoreDatabase, owner: Owner, key: String, name: String, value: String, isMasked: Bool) throws {
        let changed = try db.run("""
            UPDATE deploymentVariable SET value = ?, isMasked = ? WHERE ownerKind = ? AND ownerKey = ? AND \(db.dialect.keyEqualsIgnoringCase("name"))
            """, [value, isMasked, owner.rawValue, key, name])
        guard changed == 0 else { return }
        let last = try db.value(Int.self, "SELECT MAX(position) FROM deploymentVariable WHERE ownerKind = ? AND ownerKey = ?", [owner.rawValue, key])
        try DeploymentVariableRow(ownerKind: owner, ownerKey: key, position: (last ?? -1) + 1, name: name, value: value, isMasked: isMasked).insert(db)
    }

    /// Stores the variable as it is (``save(_:owner:key:name:value:isMasked:)`` places and
    /// merges it by name).
    public func insert(_ db: StoreDatabase) throws {
        try db.run("INSERT INTO deploymentVariable (ownerKind, ownerKey, position, name, value, isMasked) VALUES (?, ?, ?, ?, ?, ?)",
                   [ownerKind.rawValue, ownerKey, position, name, value, isMasked])
    }

    /// Removes the variable named `name` (without case) of an owner.
    public static func delete(_ db: StoreDatabase, owner: Owner, key: String, name: String) throws {
        try db.run("DELETE FROM deploymentVariable WHERE ownerKind = ? AND ownerKey = ? AND \(db.dialect.keyEqualsIgnoringCase("name"))",
                   [owner.rawValue, key, name])
    }
}
