import GRDB
import Testing
import TaskSequenceModel
@testable import ProviderStore

@Suite struct ProviderStoreTests {
    @Test func packageIDsAreSiteCodePlusFiveHexDigitsAndNeverReused() throws {
        let fixture = try TemporaryStore()
        let ids = try fixture.store.write { db in
            let first = try ProviderStore.allocatePackageID(siteCode: "PS1", in: db)
            var properties = PackageProperties()
            properties.packageID = first
            try PackageRow(properties: properties).insert(db)
            try SMSPackageRow(package: SMSPackage(packageID: "PS100002")).insert(db)
            let second = try ProviderStore.allocatePackageID(siteCode: "PS1", in: db)
            try PackageRow.delete(db, packageID: first)
            let third = try ProviderStore.allocatePackageID(siteCode: "PS1", in: db)
            return [first, second, third]
        }
        #expect(ids == ["PS100001", "PS100003", "PS100004"])
    }

    @Test func aFailedTransactionLeavesNothingBehind() throws {
        let fixture = try TemporaryStore()
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try fixture.store.write { db in
                var properties = PackageProperties()
                properties.packageID = "PS100001"
                try PackageRow(properties: properties).insert(db)
                try SequenceTree.replace(packageID: "PS100001", with: Samples.rich, in: db)
                throw Interrupted()
            }
        }
        let counts = try fixture.store.read { db in (try db.count("package"), try db.count("step")) }
        #expect(counts.0 == 0 && counts.1 == 0)
    }

    @Test func deletingAPackageDeletesItsTreeButKeepsRevisions() throws {
        let fixture = try TemporaryStore()
        try fixture.addPackage(sequence: Samples.rich)
        try fixture.store.write { db in
            var revision = RevisionRow(packageID: "PS100001", sourceVersion: 1, uid: 0, userName: "root", time: 1, change: "import", xml: "<sequence/>")
            try revision.insert(db)
            try PackageRow.delete(db, packageID: "PS100001")
        }
        let counts = try fixture.store.read { db in
            (try db.count("step"), try db.count("conditionOperand"), try db.count("revision"))
        }
        #expect(counts == (0, 0, 1))
    }

    @Test func packagePropertiesRoundTrip() throws {
        let fixture = try TemporaryStore()
        var properties = PackageProperties()
        properties.packageID = "PS1000AB"
        properties.name = "Zürich déploiement"
        properties.references = [PackageReference(package: "PS100010", program: "Install")]
        properties.duration = 360
        try fixture.store.write { try PackageRow(properties: properties).insert($0) }
        let row = try #require(try fixture.store.read { try PackageRow.fetchOne($0, packageID: "PS1000AB") })
        #expect(try row.properties() == properties)
        #expect(row.referencesCount == 1)
    }
}
