import Foundation

/// One saved change of a package: who made it, when, the SourceVersion it produced, and — for
/// changes of the whole sequence — its canonical XML.
///
/// Edits of single steps record what changed instead of the whole XML, so that an edit costs the
/// same in a 20-step and a 2,000-step sequence.
public struct RevisionRow: Sendable, Equatable {
    /// The `revision` table's columns.
    public enum Columns: String, CaseIterable, Sendable {
        case id, packageID, sourceVersion, uid, userName, time, change, xml, warnings
    }

    public var id: Int64?
    public var packageID: String
    public var sourceVersion: UInt32
    public var uid: UInt32
    public var userName: String
    /// Seconds since the Unix epoch.
    public var time: Int64
    /// What happened, for people: `import`, `setSequence`, `addStep 42`, `setProperty 42 Name` …
    public var change: String
    /// Canonical XML of the whole sequence after the change, when the change replaced it.
    public var xml: String?
    /// What validation warned about when an import or SetSequence brought the sequence in, one
    /// line each; `nil` for other changes.
    public var warnings: [String]?

    public init(packageID: String, sourceVersion: UInt32, uid: UInt32, userName: String, time: Int64, change: String, xml: String? = nil, warnings: [String]? = nil) {
        self.packageID = packageID
        self.sourceVersion = sourceVersion
        self.uid = uid
        self.userName = userName
        self.time = time
        self.change = change
        self.xml = xml
        self.warnings = warnings
    }

    /// Decodes a row of `SELECT * FROM revision`.
    public init(row: SQLRow) throws {
        id = try row.decode(Columns.id)
        packageID = try row.decode(Columns.packageID)
        sourceVersion = try row.decode(Columns.sourceVersion)
        uid = try row.decode(Columns.uid)
        userName = try row.decode(Columns.userName)
        time = try row.decode(Columns.time)
        change = try row.decode(Columns.change)
        xml = try row.decode(Columns.xml)
        warnings = try Self.decodeWarnings(row.decode(Columns.warnings, as: String?.self))
    }

    /// The warnings column: JSON `[String]`, NULL for changes that did not bring a sequence in.
    static func decodeWarnings(_ text: String?) throws -> [String]? {
        try text.map { try JSONColumn.decode([String].self, from: $0) }
    }

    var warningsJSON: String? {
        get throws { try warnings.map { try JSONColumn.encode($0) } }
    }

    /// The package's revisions, oldest first, XML included.
    public static func fetchAll(_ db: StoreDatabase, packageID: String) throws -> [RevisionRow] {
        try db.rows("SELECT * FROM revision WHERE packageID = ? ORDER BY id", [packageID]).map(RevisionRow.init(row:))
    }

    /// The warnings of the last import or SetSequence of the package: empty when it had none or
    /// when the sequence never came in that way.
    public static func latestWarnings(packageID: String, in db: StoreDatabase) throws -> [String] {
        let text = try db.value(String.self, """
            SELECT warnings FROM revision WHERE packageID = ? AND warnings IS NOT NULL ORDER BY id DESC LIMIT 1
            """, [packageID])
        return try decodeWarnings(text) ?? []
    }
}
