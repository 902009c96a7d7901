/// Lineage: which step a copied step came from, and which packages were copied or merged from
/// which (``HistorySchema``).
public enum Lineage {
    /// The columns of `stepOrigin`.
    public enum StepOriginColumns: String, CaseIterable {
        case stepID, originPackageID, originStepID
    }

    /// The columns of `packageLink`.
    public enum PackageLinkColumns: String, CaseIterable {
        case id, kind, fromPackageID, fromVersion, intoPackageID, intoVersion, time
    }

    /// Records that `stepID` is a copy of `originStepID` of `originPackageID`. A copy of a copy
    /// keeps pointing at the first original, so all copies of a step match each other.
    public static func recordStepOrigin(stepID: Int64, originPackageID: String, originStepID: Int64, in db: StoreDatabase) throws {
        let root = try db.row("SELECT originPackageID, originStepID FROM stepOrigin WHERE stepID = ?", [originStepID])
        let package = try root.map { try $0.decode(StepOriginColumns.originPackageID, as: String.self) } ?? originPackageID
        let step = try root.map { try $0.decode(StepOriginColumns.originStepID, as: Int64.self) } ?? originStepID
        try db.run("""
            INSERT INTO stepOrigin (stepID, originPackageID, originStepID) VALUES (?, ?, ?)
            ON CONFLICT (stepID) DO UPDATE SET originPackageID = excluded.originPackageID, originStepID = excluded.originStepID
            """, [stepID, package, step])
    }

    /// The origins of `stepIDs` that were copied, by step ID.
    public static func stepOrigins(of stepIDs: [Int64], in db: StoreDatabase) throws -> [Int64: (packageID: String, stepID: Int64)] {
        guard !stepIDs.isEmpty else { return [:] }
        var result: [Int64: (packageID: String, stepID: Int64)] = [:]
        // In chunks: engines limit the number of bound arguments.
        for start in stride(from: 0, to: stepIDs.count, by: 500) {
            let chunk = Array(stepIDs[start..<min(start + 500, stepIDs.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            try db.forEachRow("SELECT stepID, originPackageID, originStepID FROM stepOrigin WHERE stepID IN (\(marks))", SQLArguments(binding: chunk)) { row in
                result[try row.decode(StepOriginColumns.stepID)] = (try row.decode(StepOriginColumns.originPackageID), try row.decode(StepOriginColumns.originStepID))
            }
        }
        return result
    }

    /// Records that `from` at `fromVersion` went into `into`, which became `intoVersion`: a copy
    /// (`kind` "copy") or a merge ("merge").
    public static func recordLink(kind: String, from: String, fromVersion: UInt32, into: String, intoVersion: UInt32, time: Int64, in db: StoreDatabase) throws {
        try db.run("""
            INSERT INTO packageLink (kind, fromPackageID, fromVersion, intoPackageID, intoVersion, time) VALUES (?, ?, ?, ?, ?, ?)
            """, [kind, from, fromVersion, into, intoVersion, time])
    }

    /// The latest copy or merge between the two packages in either direction, as the versions
    /// of `from` and `into` that were then the same: the common ancestor of a three-way merge.
    public static func mergeBase(from: String, into: String, in db: StoreDatabase) throws -> (from: UInt32, into: UInt32)? {
        guard let row = try db.row("""
            SELECT fromPackageID, fromVersion, intoVersion FROM packageLink
            WHERE (fromPackageID = ? AND intoPackageID = ?) OR (fromPackageID = ? AND intoPackageID = ?)
            ORDER BY id DESC LIMIT 1
            """, [from, into, into, from]) else { return nil }
        let linkFrom: String = try row.decode(PackageLinkColumns.fromPackageID)
        let fromVersion: UInt32 = try row.decode(PackageLinkColumns.fromVersion), intoVersion: UInt32 = try row.decode(PackageLinkColumns.intoVersion)
        return linkFrom == from ? (fromVersion, intoVersion) : (intoVersion, fromVersion)
    }
}
