import TaskSequenceModel

// The requests on `package`. Statements are prepared once per connection (`StoreDatabase.run`
// caches them by text), so the text is built once here.
extension PackageRow {
    private static let selectOne = "SELECT * FROM package WHERE packageID = ?"
    private static let insertSQL = """
        INSERT INTO package (\(allColumnNames.joined(separator: ", "))) \
        VALUES (\(Array(repeating: "?", count: allColumnNames.count).joined(separator: ", ")))
        """
    /// Every column but the key, then the key.
    private static let updateSQL = """
        UPDATE package SET \(allColumnNames.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")) WHERE packageID = ?
        """

    public static func fetchOne(_ db: StoreDatabase, packageID: String) throws -> PackageRow? {
        try db.row(selectOne, [packageID]).map(PackageRow.init(row:))
    }

    public static func exists(_ db: StoreDatabase, packageID: String) throws -> Bool {
        try db.exists("SELECT 1 FROM package WHERE packageID = ?", [packageID])
    }

    /// The package's SourceVersion, without reading the rest of its row; `nil` when there is no
    /// such package.
    public static func sourceVersion(_ db: StoreDatabase, packageID: String) throws -> UInt32? {
        try db.value(UInt32.self, "SELECT sourceVersion FROM package WHERE packageID = ?", [packageID])
    }

    /// The package's SourceVersion and SourceDate, which together name one state of its sequence
    /// (every change of the sequence moves SourceVersion on in its own transaction); `nil` when
    /// there is no such package.
    public static func versionStamp(_ db: StoreDatabase, packageID: String) throws -> (sourceVersion: UInt32, sourceDate: Int64)? {
        guard let row = try db.row("SELECT sourceVersion, sourceDate FROM package WHERE packageID = ?", [packageID]) else { return nil }
        return (try row.decode(at: 0, as: UInt32.self), try row.decode(at: 1, as: Int64.self))
    }

    /// Every task sequence PackageID, in order.
    public static func allIDs(_ db: StoreDatabase) throws -> [String] {
        try db.values(String.self, "SELECT packageID FROM package ORDER BY packageID")
    }

    /// Stores a new package row (its PackageID must be free).
    public func insert(_ db: StoreDatabase) throws {
        try db.run(Self.insertSQL, SQLArguments(try columnValues()))
    }

    /// Writes every column of the stored row with this PackageID.
    public func update(_ db: StoreDatabase) throws {
        var values = try columnValues()
        values.append(values.removeFirst())
        guard try db.run(Self.updateSQL, SQLArguments(values)) == 1 else { throw StoreError.packageNotFound(packageID) }
    }

    /// Moves the package on to `sourceVersion` at `sourceDate`, touching nothing else (what every
    /// edit does; rewriting the whole row cost as much as the edit itself).
    public static func setSourceVersion(_ db: StoreDatabase, packageID: String, to sourceVersion: UInt32, at sourceDate: Int64) throws {
        guard try db.run("UPDATE package SET sourceVersion = ?, sourceDate = ? WHERE packageID = ?", [sourceVersion, sourceDate, packageID]) == 1 else {
            throw StoreError.packageNotFound(packageID)
        }
    }

    /// Replaces the `<sequence>` element's attributes and its non-step children.
    static func setSequenceElement(_ db: StoreDatabase, packageID: String, attributes: String, layout: String) throws {
        guard try db.run("UPDATE package SET sequenceAttributes = ?, layout = ? WHERE packageID = ?", [attributes, layout, packageID]) == 1 else {
            throw StoreError.packageNotFound(packageID)
        }
    }

    /// Replaces the sequence's non-step children.
    static func setLayout(_ db: StoreDatabase, packageID: String, layout: String) throws {
        guard try db.run("UPDATE package SET layout = ? WHERE packageID = ?", [layout, packageID]) == 1 else {
            throw StoreError.packageNotFound(packageID)
        }
    }

    /// Deletes the package; its steps, settings and operands go with it (a revision still
    /// reading them live gets its copy first).
    public static func delete(_ db: StoreDatabase, packageID: String) throws {
        try StepChangeTracking.willChange(packageID: packageID, in: db)
        try db.run("DELETE FROM package WHERE packageID = ?", [packageID])
    }
}
