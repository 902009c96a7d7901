import Foundation
import GRDB

/// A computer the site knows (SMS_R_System), imported by name with its MAC addresses or
/// SMBIOS GUID. `resourceID` is assigned by the store on insert.
public struct ComputerRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "computer"

    public var resourceID: Int64?
    /// The NetBIOS name, unique without regard to case.
    public var name: String
    /// Canonical upper-case GUID, or empty.
    public var smbiosGUID: String
    /// Normalised `00:11:22:33:44:55` addresses, as a JSON array.
    public var macAddresses: [String]
    /// Seconds since 1970 (UTC) when the record was made.
    public var creationDate: Int64
    public var createdByUID: UInt32?

    public init(resourceID: Int64? = nil, name: String, smbiosGUID: String = "", macAddresses: [String] = [], creationDate: Int64 = 0, createdByUID: UInt32? = nil) {
        self.resourceID = resourceID
        self.name = name
        self.smbiosGUID = smbiosGUID
        self.macAddresses = macAddresses
        self.creationDate = creationDate
        self.createdByUID = createdByUID
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        resourceID = inserted.rowID
    }

    /// The computer with this ResourceID.
    public static func fetchOne(_ db: Database, resourceID: Int64) throws -> ComputerRow? {
        try fetchOne(db, sql: "SELECT * FROM computer WHERE resourceID = ?", arguments: [resourceID])
    }

    /// The computer named `name`, compared without case.
    public static func fetchOne(_ db: Database, name: String) throws -> ComputerRow? {
        try fetchOne(db, sql: "SELECT * FROM computer WHERE name = ? COLLATE NOCASE", arguments: [name])
    }

    /// The computers meeting `restriction` (trusted SQL over the column `resourceID`; `nil`:
    /// all), in ResourceID order.
    public static func fetchAll(_ db: Database, restrictedBy restriction: SQL?) throws -> [ComputerRow] {
        let condition: SQL = restriction.map { "WHERE \($0)" } ?? ""
        let request: SQLRequest<ComputerRow> = "SELECT * FROM computer \(condition) ORDER BY resourceID"
        return try request.fetchAll(db)
    }

    /// Every ResourceID, in order.
    public static func allResourceIDs(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT resourceID FROM computer ORDER BY resourceID")
    }

    /// A computer other than `except` that has SMBIOS GUID `guid` or one of `macs` (an import
    /// matching an existing record by hardware, as ImportMachineEntry does).
    public static func fetchMatchingHardware(_ db: Database, smbiosGUID guid: String, macAddresses macs: [String], except: Int64?) throws -> ComputerRow? {
        let list = String(decoding: try JSONEncoder().encode(macs), as: UTF8.self)
        return try fetchOne(db, sql: """
            SELECT * FROM computer c WHERE c.resourceID IS NOT ? AND c.resourceID IN (
                SELECT resourceID FROM computer WHERE ? <> '' AND smbiosGUID = ?
                UNION SELECT resourceID FROM computerMAC WHERE macAddress IN (SELECT value FROM json_each(?)))
            ORDER BY c.resourceID LIMIT 1
            """, arguments: [except, guid, guid, list])
    }
}
