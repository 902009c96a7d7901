import TaskSequenceModel

/// Where each stored step of a package sits: the map from a step's ``StepPath`` to its StepID,
/// so that what is computed on the sequence as a value (lint findings, plans, documentation,
/// revisions) can name the stored steps.
public enum StepPaths {
    /// The StepID of every step of the package, by path.
    public static func ids(packageID: String, in db: StoreDatabase) throws -> [StepPath: Int64] {
        ids(of: try StepRow.fetchAll(db, packageID: packageID))
    }

    /// The StepID of every step among `rows` (one package's), by path; siblings are ordered by
    /// their rows' order, which must be by position.
    public static func ids(of rows: [StepRow]) -> [StepPath: Int64] {
        var children: [Int64?: [StepRow]] = [:]
        for row in rows { children[row.parentID, default: []].append(row) }
        var result: [StepPath: Int64] = [:]
        result.reserveCapacity(rows.count)
        func visit(_ parentID: Int64?, _ parent: StepPath) {
            for (index, row) in (children[parentID] ?? []).enumerated() {
                guard let id = row.id else { continue }
                let path = parent.appending(row.kind, at: index)
                result[path] = id
                visit(id, path)
            }
        }
        visit(nil, StepPath())
        return result
    }
}
