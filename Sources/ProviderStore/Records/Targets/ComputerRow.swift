/// A computer the site knows (SMS_R_System), imported by name with its MAC addresses or
/// SMBIOS GUID. `resourceID` is assigned by the store on insert.
public struct ComputerRow: Codable, Sendable, Equatable {
    public static let databaseTableName = "computer"

    /// The table's columns, as the store's SQL names them.
    public enum Columns: String, CaseIterable {
        case resourceID, name, smbiosGUID, macAddresses, creationDate, createdByUID
    }

    public var resourceID: Int64?
    /// The NetBIOS name, unique without regard to case.
    public var name: String
    /// Canonical upper-case GUID, or empty.
    public var smbiosGUID: String
    /// Normalised `00:11:22:33:44:55` addresses, stored as a JSON array.
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

    init(row: SQLRow) throws {
        self.init(
            resourceID: try row.decode(Columns.resourceID), name: try row.decode(Columns.name), smbiosGUID: try row.decode(Columns.smbiosGUID),
            macAddresses: try JSONColumn.decode([String].self, from: row.decode(Columns.macAddresses)),
            creationDate: try row.decode(Columns.creationDate), createdByUID: try row.decode(Columns.createdByUID))
    }

    static let selection = "SELECT resourceID, name, smbiosGUID, macAddresses, creationDate, createdByUID FROM computer"
}

extension ComputerRow {
    /// The computer with this ResourceID.
    public static func fetchOne(_ db: StoreDatabase, resourceID: Int64) throws -> ComputerRow? {
        try db.row(selection + " WHERE resourceID = ?", [resourceID]).map(ComputerRow.init(row:))
    }

    /// The computer named `name`, compared without case (the column ignores case).
    public static func fetchOne(_ db: StoreDatabase, name: String) throws -> ComputerRow? {
        try db.row(selection + " WHERE name = ?", [name]).map(ComputerRow.init(row:))
    }

    /// Every ResourceID, in order.
    public static func allResourceIDs(_ db: StoreDatabase) throws -> [Int64] {
        try db.values(Int64.self, "SELECT resourceID FROM computer ORDER BY resourceID")
    }

    /// A computer other than `except` that has SMBIOS GUID `guid` or one of `macs` (an import
    /// matching an existing record by hardware, as ImportMachineEntry does). The addresses are
    /// looked up in `computerMAC`, which the schema keeps from the JSON column.
    public static func fetchMatchingHardware(_ db: StoreDatabase, smbiosGUID guid: String, macAddresses macs: [String], except: Int64?) throws -> ComputerRow? {
        var arguments: SQLArguments = [except ?? 0, guid, guid]
        var byMAC = ""
        if !macs.isEmpty {
            // A computer holds a handful of addresses: one placeholder each stays far below any engine's limit.
            byMAC = " UNION SELECT resourceID FROM computerMAC WHERE macAddress IN (\(Array(repeating: "?", count: macs.count).joined(separator: ", ")))"
            for mac in macs { arguments.append(mac) }
        }
        // ResourceIDs start at 16777217, so 0 stands for "no computer to leave out".
        return try db.row(selection + """
             WHERE resourceID <> ? AND resourceID IN (
                SELECT resourceID FROM computer WHERE ? <> '' AND smbiosGUID = ?\(byMAC))
            ORDER BY resourceID LIMIT 1
            """, arguments).map(ComputerRow.init(row:))
    }

    /// Stores a new computer; the store assigns its ResourceID.
    public mutating func insert(_ db: StoreDatabase) throws {
        resourceID = try db.insertReturningKey("""
            INSERT INTO computer (name, smbiosGUID, macAddresses, creationDate, createdByUID) VALUES (?, ?, ?, ?, ?)
            """, [name, smbiosGUID, try JSONColumn.encode(macAddresses), creationDate, createdByUID], key: Columns.resourceID.rawValue)
    }

    /// Writes the computer's name and hardware identity.
    public func update(_ db: StoreDatabase) throws {
        try db.run("UPDATE computer SET name = ?, smbiosGUID = ?, macAddresses = ? WHERE resourceID = ?",
                   [name, smbiosGUID, try JSONColumn.encode(macAddresses), resourceID])
    }

    /// Removes the computer: its memberships, rules and associations go with it.
    public func delete(_ db: StoreDatabase) throws {
        try db.run("DELETE FROM computer WHERE resourceID = ?", [resourceID])
    }
}
