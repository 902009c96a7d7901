import GRDB
import Testing
import TaskSequenceModel
@testable import ProviderStore

/// Migration v4-query-facts: `packageReference` holds each References entry of a package, from
/// the packages a store already has and from every later write of the column.
@Suite struct ReferenceRowsTests {
    private func rows(_ db: Database) throws -> [String] {
        try db.values(String.self, "SELECT packageID || ' ' || position || ' ' || objectID || ' ' || program FROM packageReference ORDER BY packageID, position")
    }

    @Test func anEarlierStoreGetsRowsForItsPackagesAndTriggersKeepThem() throws {
        // The store as it was before this migration: every earlier one applied, the package row written then.
        let store = try EarlierStore(migratedUpTo: "v4-package-properties: every SMS_TaskSequencePackage property")
        let queue = store.queue

        var properties = PackageProperties()
        properties.packageID = "PS100001"
        properties.references = [PackageReference(package: "ABC00001"), PackageReference(package: "ABC00002", program: "Install"),
                                 PackageReference(package: "", application: "ScopeId_1/Application_2")]
        try queue.write { db in try PackageRow(properties: properties).insert(db) }

        try store.migrate()
        try queue.write { db in
            #expect(try rows(db) == ["PS100001 0 ABC00001 ", "PS100001 1 ABC00002 Install", "PS100001 2 ScopeId_1/Application_2 "])

            // A later write of References replaces the rows; a new package brings its own.
            var row = try #require(try PackageRow.fetchOne(db, packageID: "PS100001"))
            properties.references = [PackageReference(package: "ABC00003")]
            try row.update(from: properties)
            try row.update(db)
            properties.packageID = "PS100002"
            try PackageRow(properties: properties).insert(db)
            #expect(try rows(db) == ["PS100001 0 ABC00003 ", "PS100002 0 ABC00003 "])

            // Deleting a package deletes its rows.
            try PackageRow.delete(db, packageID: "PS100001")
            #expect(try rows(db) == ["PS100002 0 ABC00003 "])
        }
    }
}
