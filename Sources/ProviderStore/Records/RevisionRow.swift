import Foundation
import GRDB

/// One saved change of a package: who made it, when, the SourceVersion it produced, and — for
/// changes of the whole sequence — its canonical XML.
///
/// Edits of single steps record what changed instead of the whole XML, so that an edit costs the
/// same in a 20-step and a 2,000-step sequence.
public struct RevisionRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "revision"

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

    /// The warnings of the last import or SetSequence of the package: empty when it had none or
    /// when the sequence never came in that way.
    public static func latestWarnings(packageID: String, in db: Database) throws -> [String] {
        let text = try String.fetchOne(db, sql: """
            SELECT warnings FROM revision WHERE packageID = ? AND warnings IS NOT NULL ORDER BY id DESC LIMIT 1
            """, arguments: [packageID])
        guard let text else { return [] }
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// ``latestWarnings(packageID:in:)`` of every package matching `restriction` (a condition on
    /// `packageID`) in one query, for listings; packages without warnings are left out.
    public static func latestWarningsByPackage(_ db: Database, where restriction: SQL?) throws -> [String: [String]] {
        let filter: SQL = restriction.map { "AND \($0)" } ?? ""
        let request: SQLRequest<Row> = """
            SELECT packageID, warnings FROM revision
            WHERE id IN (SELECT MAX(id) FROM revision WHERE warnings IS NOT NULL \(filter) GROUP BY packageID)
              AND warnings <> '[]'
            """
        var result: [String: [String]] = [:]
        let rows = try request.fetchCursor(db)
        while let row = try rows.next() {
            let text: String = row[1]
            result[row[0]] = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        }
        return result
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
