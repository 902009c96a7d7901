import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TestSupport

/// Task sequences find out that a package they reference came or went through the store's
/// reference rows, not a search of their JSON.
@Suite struct SMSPackageReferenceTests {
    @Test func creatingAndDeletingAReferencedPackageTogglesDanglingReferences() throws {
        let fixture = try ServiceFixture()
        let name = try #require(Fixtures.realWorldNames.first { $0.contains("Windows10UpgradeTS") })
        let id = try fixture.service.importPackage(data: try Fixtures.data(name), for: fixture.root)
        let referenced = Set(try fixture.service.package(id, for: fixture.root).references.map(\.package)).filter { !$0.isEmpty }.sorted()
        let last = try #require(referenced.last)
        for reference in referenced {
            _ = try fixture.service.createSMSPackage(SMSPackage(packageID: reference, name: "pkg \(reference)"), for: fixture.root)
        }
        #expect(try fixture.service.package(id, for: fixture.root).taskSequenceFlags & PackageProperties.danglingReferenceFlag == 0)
        #expect(try fixture.service.store.read { try SMSPackageRow.referencingSequencePackages($0, packageID: last.lowercased()) } == [id])

        try fixture.service.deleteSMSPackage(last, for: fixture.root)
        #expect(try fixture.service.package(id, for: fixture.root).taskSequenceFlags & PackageProperties.danglingReferenceFlag != 0)
        #expect(throws: ProviderError.notFound(object: ObjectReference.smsPackage(last).relativePath)) { try fixture.service.smsPackage(last, for: fixture.root) }
        #expect(try fixture.service.smsPackageIDs(for: fixture.root) == referenced.dropLast().map { $0 })
    }
}
