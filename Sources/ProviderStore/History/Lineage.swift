import GRDB

/// Lineage: which step a copied step came from, and which packages were copied or merged from
/// which (``HistorySchema``).
public enum Lineage {
    /// Records that `stepID` is a copy of `originStepID` of `originPackageID`. A copy of a copy
    /// keeps pointing at the first original, so all copies of a step match each other.
    public static func recordStepOrigin(stepID: Int64, originPackageID: String, originStepID: Int64, in db: Database) throws {
        let root = try Row.fetchOne(db, sql: "SELECT originPackageID, originStepID FROM stepOrigin WHERE stepID = ?", arguments: [originStepID])
        let package: String = root?[0] ?? originPackageID
        let step: Int64 = root?[1] ?? originStepID
        try db.execute(sql: "INSERT OR REPLACE INTO stepOrigin (stepID, originPackageID, originStepID) VALUES (?, ?, ?)",
                       arguments: [stepID, package, step])
    }

    /// The origins of `stepIDs` that were copied, by step ID.
    public static func stepOrigins(of stepIDs: [Int64], in db: Database) throws -> [Int64: (packageID: String, stepID: Int64)] {
        guard !stepIDs.isEmpty else { return [:] }
        var result: [Int64: (packageID: String, stepID: Int64)] = [:]
        // In chunks: SQLite limits the number of bound arguments.
        for start in stride(from: 0, to: stepIDs.count, by: 500) {
            let chunk = Array(stepIDs[start..<min(start + 500, stepIDs.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: "SELECT stepID, originPackageID, originStepID FROM stepOrigin WHERE stepID IN (\(marks))",
                                        arguments: StatementArguments(chunk))
            for row in rows { result[row[0]] = (row[1], row[2]) }
        }
        return result
    }

    /// Records that `from` at `fromVersion` went into `into`, which became `intoVersion`: a copy
    /// (`kind` "copy") or a merge ("merge").
    public static func recordLink(kind: String, from: String, fromVersion: UInt32, into: String, intoVersion: UInt32, time: Int64, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO packageLink (kind, fromPackageID, fromVersion, intoPackageID, intoVersion, time) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [kind, from, fromVersion, into, intoVersion, time])
    }

    /// The latest copy or merge between the two packages in either direction, as the versions
    /// of `from` and `into` that were then the same: the common ancestor of a three-way merge.
    public static func mergeBase(from: String, into: String, in db: Database) throws -> (from: UInt32, into: UInt32)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT fromPackageID, fromVersion, intoVersion FROM packageLink
            WHERE (fromPackageID = ? AND intoPackageID = ?) OR (fromPackageID = ? AND intoPackageID = ?)
            ORDER BY id DESC LIMIT 1
            """, arguments: [from, into, into, from]) else { return nil }
        let linkFrom: String = row[0]
        let fromVersion: UInt32 = row[1], intoVersion: UInt32 = row[2]
        return linkFrom == from ? (fromVersion, intoVersion) : (intoVersion, fromVersion)
    }
}
