import Foundation
import Testing
@testable import ProviderStore
import TaskSequenceModel
import TestSupport

/// Migration v5-deploy-advertisements-variables: advertisements with their own ID counter, and
/// the variables of collections and computers.
@Suite struct DeploymentRowsTests {
    private func withStore(_ body: (ProviderStore) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(try TestStores.makeStore())
    }

    @Test func advertisementIDsAreCountedApartFromPackageIDsAndNeverReused() throws {
        try withStore { store in
            try store.write { db in
                #expect(try ProviderStore.allocatePackageID(siteCode: "PS1", in: db) == "PS100001")
                let first = try AdvertisementRow.allocateID(siteCode: "PS1", in: db)
                #expect(first == "PS100001")
                try AdvertisementRow(Advertisement(advertisementID: first, advertisementName: "Win11", collectionID: "PS100010", packageID: "PS100004")).insert(db)
                #expect(try AdvertisementRow.allocateID(siteCode: "PS1", in: db) == "PS100002")
                #expect(try #require(try AdvertisementRow.fetchOne(db, advertisementID: first)).delete(db))
                #expect(try AdvertisementRow.allocateID(siteCode: "PS1", in: db) == "PS100003")
            }
        }
    }

    @Test func advertisementsAreFoundByPackageAndCollectionWithoutCase() throws {
        try withStore { store in
            try store.write { db in
                try AdvertisementRow(Advertisement(advertisementID: "PS100001", advertisementName: "A", collectionID: "PS100010", packageID: "PS100004")).insert(db)
                try AdvertisementRow(Advertisement(advertisementID: "PS100002", advertisementName: "B", collectionID: "PS100011", packageID: "PS100004")).insert(db)
                try AdvertisementRow(Advertisement(advertisementID: "PS100003", advertisementName: "C", collectionID: "PS100010", packageID: "PS100005")).insert(db)
                #expect(try AdvertisementRow.fetchAll(db, packageID: "ps100004").map(\.advertisementID) == ["PS100001", "PS100002"])
                #expect(try AdvertisementRow.fetchAll(db, collectionID: "ps100010").map(\.advertisementID) == ["PS100001", "PS100003"])
                #expect(try AdvertisementRow.fetchAll(db, packageID: "PS100004", collectionID: "PS100010").map(\.advertisementID) == ["PS100001"])
                #expect(try AdvertisementRow.ids(deployingPackage: "ps100005", db) == ["PS100003"])
                #expect(try AdvertisementRow.fetchOne(db, advertisementID: "ps100002")?.advertisementName == "B")
            }
        }
    }

    @Test func variablesKeepTheirOrderAndNamesAreUniqueWithoutCase() throws {
        try withStore { store in
            try store.write { db in
                try DeploymentVariableRow.save(db, owner: .collection, key: "PS100010", name: "Zeta", value: "1", isMasked: false)
                try DeploymentVariableRow.save(db, owner: .collection, key: "PS100010", name: "Alpha", value: "2", isMasked: true)
                try DeploymentVariableRow.save(db, owner: .machine, key: "16777217", name: "Alpha", value: "3", isMasked: false)
                #expect(try DeploymentVariableRow.fetchAll(db, owner: .collection, key: "PS100010").map(\.name) == ["Zeta", "Alpha"])
                #expect(try DeploymentVariableRow.fetchAll(db, owner: .machine, key: "16777217").map(\.value) == ["3"])
            }
            // A second variable of the same name in another case is refused by the schema's index.
            #expect {
                try store.write { db in
                    try DeploymentVariableRow(ownerKind: .collection, ownerKey: "PS100010", position: 2, name: "ALPHA", value: "x", isMasked: false).insert(db)
                }
            } throws: { error in
                guard case StoreError.engine(let detail) = error else { return false }
                switch TestStoreEngine.current {
                case .sqlite:
                    return detail.contains("UNIQUE constraint failed: deploymentVariable.ownerKind, deploymentVariable.ownerKey, deploymentVariable.name")
                case .postgresql:
                    return detail == #"duplicate key value violates unique constraint "deploymentvariable_on_name" (SQLSTATE 23505)"#
                }
            }
            try store.write { db in
                // One variable at a time: a known name (any case) keeps its place and spelling, a new one goes last.
                try DeploymentVariableRow.save(db, owner: .collection, key: "PS100010", name: "zeta", value: "9", isMasked: false)
                try DeploymentVariableRow.save(db, owner: .collection, key: "PS100010", name: "Beta", value: "4", isMasked: false)
                try DeploymentVariableRow.delete(db, owner: .collection, key: "PS100010", name: "ALPHA")
                #expect(try DeploymentVariableRow.fetchAll(db, owner: .collection, key: "PS100010").map { "\($0.name)=\($0.value)" } == ["Zeta=9", "Beta=4"])
                #expect(try DeploymentVariableRow.ownerKeys(db, owner: .machine) == ["16777217"])
            }
        }
    }

    /// Machine variables' owners are ResourceIDs kept as text; a caller's readable computers
    /// may be the members of the collections it may read, a set of integer ResourceIDs.
    @Test func machineVariableNamesFollowTheMembersOfReadableCollections() throws {
        try withStore { store in
            try store.write { db in
                for (resourceID, name) in [(16777217, "PC1"), (16777218, "PC2")] {
                    try db.run("INSERT INTO computer (resourceID, name) VALUES (?, ?)", [resourceID, name])
                }
                try db.run("INSERT INTO collection (collectionID, name) VALUES ('PS100010', 'Lab')")
                try db.run("INSERT INTO collectionMember (collectionID, resourceID, isDirect) VALUES ('PS100010', 16777217, 1)")
                try db.run("INSERT INTO instancePermission (userName, objectKey, instanceKey, rights) VALUES ('alice', 5, 'PS100010', 1)")
                try DeploymentVariableRow.save(db, owner: .machine, key: "16777217", name: "OSDComputerName", value: "PC1", isMasked: false)
                try DeploymentVariableRow.save(db, owner: .machine, key: "16777218", name: "Hidden", value: "PC2", isMasked: false)
            }
            try store.read { db throws in
                let members = ReadableSet.membersOfGranted(collectionObjectKey: 5, rights: 1, principals: ["alice"])
                #expect(try DeploymentVariableRow.names(db, owner: .machine, readable: members) == ["OSDComputerName"])
                #expect(try DeploymentVariableRow.names(db, owner: .machine, readable: .only(["16777218"])) == ["Hidden"])
                #expect(try DeploymentVariableRow.names(db, owner: .machine, readable: .all) == ["Hidden", "OSDComputerName"])
            }
        }
    }
}
