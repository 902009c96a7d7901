/// A side-by-side migration pair (SMS_StateMigration): user state moves from the source
/// computer to the destination computer.
public struct ComputerAssociationRow: Codable, Sendable, Equatable {
    public static let databaseTableName = "computerAssociation"

    /// The table's columns, as the store's SQL names them.
    public enum Columns: String, CaseIterable {
        case sourceResourceID, destinationResourceID, creationDate
    }

    public var sourceResourceID: Int64
    public var destinationResourceID: Int64
    /// Seconds since 1970 (UTC) when the association was made.
    public var creationDate: Int64

    public init(sourceResourceID: Int64, destinationResourceID: Int64, creationDate: Int64) {
        self.sourceResourceID = sourceResourceID
        self.destinationResourceID = destinationResourceID
        self.creationDate = creationDate
    }

    init(row: SQLRow) throws {
        self.init(sourceResourceID: try row.decode(Columns.sourceResourceID), destinationResourceID: try row.decode(Columns.destinationResourceID),
                  creationDate: try row.decode(Columns.creationDate))
    }
}

extension ComputerAssociationRow {
    /// Every association, by destination then source.
    public static func fetchAllOrdered(_ db: StoreDatabase) throws -> [ComputerAssociationRow] {
        try db.rows("""
            SELECT sourceResourceID, destinationResourceID, creationDate FROM computerAssociation ORDER BY destinationResourceID, sourceResourceID
            """).map(ComputerAssociationRow.init(row:))
    }

    /// Whether the pair exists.
    public static func exists(_ db: StoreDatabase, source: Int64, destination: Int64) throws -> Bool {
        try db.exists("SELECT 1 FROM computerAssociation WHERE sourceResourceID = ? AND destinationResourceID = ?", [source, destination])
    }

    /// Stores the pair.
    public func insert(_ db: StoreDatabase) throws {
        try db.run("INSERT INTO computerAssociation (sourceResourceID, destinationResourceID, creationDate) VALUES (?, ?, ?)",
                   [sourceResourceID, destinationResourceID, creationDate])
    }
}
