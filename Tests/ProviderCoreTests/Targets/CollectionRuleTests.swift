import Foundation
import ProviderCore
import ProviderStore
import Testing

/// Collections: IDs, sub-collections, direct and query rules evaluated in the store, members,
/// and the collections that hold a computer.
@Suite struct CollectionRuleTests {
    let fixture: ServiceFixture
    var service: ProviderService { fixture.service }
    let root = Caller.system

    init() throws {
        fixture = try ServiceFixture()
        for (index, name) in ["LAB-01", "LAB-02", "OFFICE-01"].enumerated() {
            _ = try service.importComputer(ComputerEntry(name: name, macAddresses: ["00:11:22:33:44:0\(index)"]), for: root)
        }
    }

    @Test func collectionIDsAreTheSiteCodeAndFiveHexDigitsAndNamesAreUnique() throws {
        #expect(try service.createCollection(name: "All Lab", comment: "lab machines", for: root) == "TST00001")
        #expect(try service.createCollection(name: "Office", for: root) == "TST00002")
        #expect(throws: ProviderError.invalidArgument(name: "Name", problem: "a collection named All Lab already exists")) {
            try service.createCollection(name: "all lab", for: root)
        }
        try service.deleteCollection("TST00002", for: root)
        #expect(try service.createCollection(name: "Office", for: root) == "TST00003")
        #expect(try service.collection("tst00001", for: root).comment == "lab machines")
    }

    @Test func queryRulesAreEvaluatedInTheStoreAndFollowNewComputers() throws {
        let lab = try service.createCollection(name: "Lab", for: root)
        let queryID = try service.addQueryRule("SELECT * FROM SMS_R_System WHERE Name LIKE 'LAB-%'", named: "Lab machines", to: lab, for: root)
        try service.addDirectMembers(["OFFICE-01"], to: lab, for: root)
        #expect(try service.collectionMembers(lab, for: root).map { "\($0.name):\($0.isDirect)" } == ["LAB-01:false", "LAB-02:false", "OFFICE-01:true"])
        _ = try service.importComputer(ComputerEntry(name: "LAB-03", macAddresses: ["00:11:22:33:44:09"]), for: root)
        #expect(try service.collection(lab, for: root).memberCount == 4)
        #expect(try service.execQuery("SELECT Name FROM SMS_FullCollectionMembership WHERE CollectionID = '\(lab)' AND IsDirect = FALSE", for: root)
            .compactMap { $0["Name"]?.description } == ["LAB-01", "LAB-02", "LAB-03"])
        #expect(try service.collectionRules(lab, for: root) == [
            .direct(ruleName: "OFFICE-01", resourceID: 16_777_219),
            .query(ruleName: "Lab machines", queryID: queryID, queryExpression: "SELECT * FROM SMS_R_System WHERE Name LIKE 'LAB-%'"),
        ])
        try service.removeQueryRule(queryID, from: lab, for: root)
        #expect(try service.collectionMembers(lab, for: root).map(\.name) == ["OFFICE-01"])
    }

    @Test func queryRulesMustSelectComputers() throws {
        let lab = try service.createCollection(name: "Lab", for: root)
        #expect(throws: ProviderError.invalidQuery(token: "SMS_Package", position: 15, message: "a collection query rule selects from SMS_R_System, not SMS_Package")) {
            try service.addQueryRule("SELECT * FROM SMS_Package", to: lab, for: root)
        }
        #expect(throws: ProviderError.invalidQuery(token: "Colour", position: 34, message: "Colour is not a property of SMS_R_System")) {
            try service.addQueryRule("SELECT * FROM SMS_R_System WHERE Colour = 'red'", to: lab, for: root)
        }
        #expect(try service.collectionRules(lab, for: root).isEmpty)
    }

    @Test func aCollectionCannotBeItsOwnAncestorAndParentsWithChildrenStay() throws {
        let top = try service.createCollection(name: "Top", for: root)
        let middle = try service.createCollection(name: "Middle", parentCollectionID: top, for: root)
        let bottom = try service.createCollection(name: "Bottom", parentCollectionID: middle, for: root)
        #expect(throws: ProviderError.invalidArgument(name: "parentCollectionID", problem: "\(bottom) is \(top) or sits under it; a collection cannot be its own ancestor")) {
            try service.moveCollection(top, toParent: bottom, for: root)
        }
        #expect(throws: ProviderError.invalidArgument(name: "parentCollectionID", problem: "\(top) is \(top) or sits under it; a collection cannot be its own ancestor")) {
            try service.moveCollection(top, toParent: top, for: root)
        }
        #expect(throws: ProviderError.validationFailed(property: "CollectionID", rule: "\(middle) has sub-collections (\(bottom)); delete or move them first")) {
            try service.deleteCollection(middle, for: root)
        }
        #expect(try service.execQuery("SELECT * FROM SMS_CollectToSubCollect", for: root).map(\.relativePath) == [
            "SMS_CollectToSubCollect.parentCollectionID=\"\(top)\",subCollectionID=\"\(middle)\"",
            "SMS_CollectToSubCollect.parentCollectionID=\"\(middle)\",subCollectionID=\"\(bottom)\"",
        ])
    }

    @Test func collectionsContainingAComputerIncludeTheAncestorsItIsReachedThrough() throws {
        let top = try service.createCollection(name: "Top", for: root)
        let lab = try service.createCollection(name: "Lab", parentCollectionID: top, for: root)
        let office = try service.createCollection(name: "Office", for: root)
        try service.addDirectMembers(["LAB-01"], to: lab, for: root)
        try service.addDirectMembers(["LAB-01"], to: office, for: root)
        let containing = try service.collectionsContaining(computer: 16_777_217, for: root)
        #expect(containing == [
            ContainingCollection(collectionID: lab, name: "Lab", throughSubCollection: nil),
            ContainingCollection(collectionID: office, name: "Office", throughSubCollection: nil),
            ContainingCollection(collectionID: top, name: "Top", throughSubCollection: lab),
        ])
    }
}
