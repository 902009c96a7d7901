/// What access policies read about computers, whose rights follow the collections they are
/// members of.
public enum ComputerKeys {
    /// Every ResourceID, in order.
    public static func allResourceIDs(_ db: StoreDatabase) throws -> [Int64] {
        try db.values(Int64.self, "SELECT resourceID FROM computer ORDER BY resourceID")
    }

    /// The collections `resourceID` is a member of, in order.
    public static func collectionIDs(_ db: StoreDatabase, containing resourceID: Int64) throws -> [String] {
        try db.values(String.self, "SELECT collectionID FROM collectionMember WHERE resourceID = ? ORDER BY collectionID", [resourceID])
    }
}
