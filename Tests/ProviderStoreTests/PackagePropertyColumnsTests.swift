import GRDB
import Testing
import TaskSequenceModel
@testable import ProviderStore

/// Migration v4-package-properties: every property kept by name has its column, and each kind
/// of value comes back from it as it went in.
@Suite struct PackagePropertyColumnsTests {
    @Test func everyPropertyKeptByNameHasItsColumn() throws {
        let fixture = try TemporaryStore(engine: .sqlite)
        let columns = try fixture.store.database.read { db in try db.columns(in: "package").map(\.name) }
        for definition in ExtendedPackageProperties.definitions {
            #expect(columns.contains(definition.name), "no column for \(definition.name)")
        }
        #expect(PackagePropertyColumns.v4.count == ExtendedPackageProperties.definitions.count)
    }

    @Test func valuesOfEveryKindRoundTrip() throws {
        let fixture = try TemporaryStore()
        var properties = PackageProperties()
        properties.packageID = "PS100001"
        properties.icon = [0x89, 0x50, 0x4E, 0x47, 0, 255]
        properties.supportedOperatingSystems = [OperatingSystemDetails(maxVersion: "10.00.99999.9999", minVersion: "10.00.0000.0", name: "Win NT", platform: "x64")]
        properties.setValue(.texts(["Default", "Lab"]), of: "SecuredScopeNames")
        properties.setValue(.number(2), of: "ShareType")
        properties.setValue(.text("48A7AD26"), of: "sedoobjectversion")
        properties.setEnabled(false)
        properties.setValue(.bytes([1, 2, 3]), of: "ISVData")
        let stored = try fixture.store.write { db in
            try PackageRow(properties: properties).insert(db)
            return try PackageRow.fetchOne(db, packageID: "PS100001")?.properties()
        }
        #expect(stored == properties)
        #expect(stored?.iconSize == 6 && stored?.value(of: "ISVDataSize") == .number(3))
        #expect(properties.setValue(.text("x"), of: "Priority") == .wrongType)
        #expect(properties.setValue(.text("x"), of: "NoSuchProperty") == .unknownProperty)
    }
}
