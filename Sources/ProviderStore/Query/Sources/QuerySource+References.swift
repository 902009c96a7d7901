/// The reference views: rows of `packageReference`, which the store keeps equal to the
/// References of each task sequence package (recomputed from its steps whenever they change),
/// joined to the SMS_Package or task sequence package each names for its name, description,
/// version and type. A row is guarded by the Read right on the task sequence that references,
/// as ConfigMgr's views are; the referenced package's own columns by the Read right on that
/// package.
extension QuerySource {
    /// A task sequence's first entry for each object it references (the store keeps each
    /// entry of References as a `packageReference` row; one package may appear with several
    /// programs).
    private static let firstEntryOfObject: QuerySQL = """
        NOT EXISTS (SELECT 1 FROM packageReference e WHERE e.packageID = x.packageID \
        AND e.objectID = \(QuerySQL(.caseless("x.objectID"))) AND e.position < x.position)
        """

    /// The referenced package's own row, as an SMS_Package (`k`) or a task sequence package
    /// (`t`), each joined only when the caller may read it: a reference shows the name of a
    /// package the caller may not read as NULL, not the name.
    private static func referencedPackageJoins(_ column: String, packageColumn: String) -> [GuardedJoin] {
        // An application reference (no package) joins nothing.
        let isPackage = " AND \(packageColumn) <> ''"
        return [
            GuardedJoin(join: "LEFT JOIN smsPackage k ON k.packageID = \(QuerySQL(.caseless(QuerySQL(sql: column))))\(sql: isPackage)",
                        guardedBy: .smsPackage(column: "k.packageID")),
            GuardedJoin(join: "LEFT JOIN package t ON t.packageID = \(QuerySQL(.caseless(QuerySQL(sql: column))))\(sql: isPackage)",
                        guardedBy: .taskSequencePackage(column: "t.packageID")),
        ]
    }

    /// SMS_TaskSequencePackageReference: one row per object a task sequence references;
    /// references: package, object ID.
    public static let packageReference = referenceSource(extraColumns: [:])

    /// SMS_TaskSequencePackageReference_Flat: the same rows, all direct references (Level 0).
    public static let packageReferenceFlat = referenceSource(extraColumns: ["Level": "'0'", "RefPackageID": "x.objectID", "SourceID": "''"])

    /// A view of one row per referenced object, with `extraColumns` besides the shared ones.
    private static func referenceSource(extraColumns: [String: String]) -> QuerySource {
        QuerySource(
            table: "packageReference x",
            guardedJoins: referencedPackageJoins("x.objectID", packageColumn: "x.package"),
            baseConditions: [firstEntryOfObject],
            referenceColumns: ["x.packageID", "x.objectID"],
            guardedBy: .taskSequencePackage(column: "x.packageID"),
            // objectID by its bytes on both engines (it is citext on PostgreSQL, which would
            // order "abc…" before "TST…" where SQLite orders it after).
            defaultOrder: ["x.packageID", "CAST(x.objectID AS TEXT)"],
            storage: { definition in
                let columns: [String: String] = [
                    "PackageID": "x.packageID", "ObjectID": "x.objectID", "ObjectName": "COALESCE(k.name, t.name)",
                    "ObjectType": "CASE WHEN x.package = '' THEN 512 WHEN k.packageID IS NOT NULL THEN k.packageType WHEN t.packageID IS NOT NULL THEN 4 END",
                    "Description": "COALESCE(k.description, t.description)", "Version": "COALESCE(k.version, t.version)",
                ].merging(extraColumns) { $1 }
                return columns[definition.name].map(ValueStorage.column) ?? .absent
            }
        )
    }

    /// SMS_TaskSequenceReferencesInfo: one row per package reference of a task sequence;
    /// references: package, program (always `*`).
    public static let referencesInfo = QuerySource(
        table: "packageReference y",
        guardedJoins: referencedPackageJoins("y.package", packageColumn: "y.package"),
        baseConditions: ["y.package <> ''"],
        referenceColumns: ["y.packageID", "'*'"],
        guardedBy: .taskSequencePackage(column: "y.packageID"),
        defaultOrder: ["y.packageID", "y.position"],
        storage: { definition in
            let columns: [String: String] = [
                "PackageID": "y.packageID", "ProgramName": "'*'", "ReferencePackageID": "y.package",
                "ReferenceProgramName": "y.program", "ReferenceName": "COALESCE(k.name, t.name)",
                "ReferenceDescription": "COALESCE(k.description, t.description)", "ReferenceVersion": "COALESCE(k.version, t.version)",
                "ReferencePackageType": "CASE WHEN k.packageID IS NOT NULL THEN k.packageType WHEN t.packageID IS NOT NULL THEN 4 END",
            ]
            return columns[definition.name].map(ValueStorage.column) ?? .absent
        }
    )
}
