import GRDB

/// A side-by-side migration pair (SMS_StateMigration): user state moves from the source
/// computer to the destination computer.
public struct ComputerAssociationRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "computerAssociation"

    public var sourceResourceID: Int64
    public var destinationResourceID: Int64
    /// Seconds since 1970 (UTC) when the association was made.
    public var creationDate: Int64

    public init(sourceResourceID: Int64, destinationResourceID: Int64, creationDate: Int64) {
        self.sourceResourceID = sourceResourceID
        self.destinationResourceID = destinationResourceID
        self.creationDate = creationDate
    }

    /// Every association, by destination then source.
    public static func fetchAllOrdered(_ db: Database) throws -> [ComputerAssociationRow] {
        try fetchAll(db, sql: "SELECT * FROM computerAssociation ORDER BY destinationResourceID, sourceResourceID")
    }

    /// Whether the pair exists.
    public static func exists(_ db: Database, source: Int64, destination: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM computerAssociation WHERE sourceResourceID = ? AND destinationResourceID = ?)",
                          arguments: [source, destination]) ?? false
    }
}
