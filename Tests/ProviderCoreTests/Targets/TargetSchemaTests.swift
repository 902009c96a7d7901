import Foundation
import ProviderCore
import Testing

/// GetClass and GetObject describe and read computers and collections like the other classes.
@Suite struct TargetSchemaTests {
    let fixture: ServiceFixture
    var service: ProviderService { fixture.service }

    init() throws {
        fixture = try ServiceFixture()
    }

    @Test func getClassDescribesComputersAndCollections() throws {
        let computer = try service.classSchema("sms_r_system", for: .system)
        #expect(computer.name == "SMS_R_System" && computer.superclass == "SMS_Resource")
        #expect(computer.derivation == ["SMS_Resource", "SMS_BaseClass"])
        #expect(Array(computer.properties.map(\.name).prefix(6)) == ["ResourceID", "ResourceType", "Name", "NetbiosName", "MACAddresses", "SMBIOSGUID"])
        #expect(computer.properties.first?.cimType == "uint32")
        let collection = try service.classSchema("SMS_Collection", for: .system)
        #expect(collection.properties.first?.name == "CollectionID")
        #expect(collection.properties.contains { $0.name == "CollectionRules" && $0.cimType == "object:SMS_CollectionRule[]" })
        #expect(try service.classSchema("SMS_FullCollectionMembership", for: .system).properties.map(\.name)
            == ["CollectionID", "ResourceID", "Name", "IsDirect", "ResourceType", "SMSID"])
    }

    @Test func getObjectReadsAComputerAndACollectionByRelativePath() throws {
        let id = try service.importComputer(ComputerEntry(name: "PC1", macAddresses: ["00:11:22:33:44:55"]), for: .system)
        let collection = try service.createCollection(name: "Lab", comment: "lab", for: .system)
        try service.addDirectMembers(["PC1"], to: collection, for: .system)
        let row = try service.getObject("SMS_R_System.ResourceID=\(id)", for: .system)
        #expect(row["Name"] == .string("PC1") && row["ResourceID"] == .uint32(id) && row["ResourceType"] == .uint32(5) && row["Client"] == .uint32(0))
        let collectionRow = try service.getObject("SMS_Collection.CollectionID=\"\(collection.lowercased())\"", for: .system)
        #expect(collectionRow.relativePath == "SMS_Collection.CollectionID=\"\(collection)\"")
        #expect(collectionRow["MemberCount"] == .sint32(1) && collectionRow["MemberClassName"] == .string("SMS_CM_RES_COLL_\(collection)"))
    }
}
