import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// Computers and collections through the SDK's typed handles against a real daemon.
@Suite struct TargetTests {
    @Test func importComputersBuildCollectionsAndReadMembers() throws {
        try withProvider { client, _ in
            let old = try client.importComputer(named: "OLD-PC", macAddress: "00-15-5d-01-02-03")
            let new = try client.importComputer(named: "NEW-PC", smbiosGUID: "{4c4c4544-0038-3510-8050-b4c04f4e3732}", sourceComputer: "OLD-PC")
            let info = try new.info()
            #expect(info.name == "NEW-PC" && info.macAddresses.isEmpty && info.smbiosGUID == "4C4C4544-0038-3510-8050-B4C04F4E3732")
            #expect(try old.info().macAddresses == ["00:15:5D:01:02:03"])
            #expect(try client.computerAssociations().map { "\($0.sourceName)->\($0.destinationName)" } == ["OLD-PC->NEW-PC"])

            let lines = try client.importComputers(csv: "LAB-01,,00:15:5d:01:02:10\nLAB-02,,00:15:5D:01:02:03\n")
            #expect(lines.map(\.isImported) == [true, false])
            #expect(lines[1].problem == "MAC address 00:15:5D:01:02:03 already identifies another computer (OLD-PC)")

            let lab = try client.createCollection(named: "Lab", comment: "lab machines")
            let sub = try client.createCollection(named: "Lab sub", parent: lab.id)
            let queryID = try lab.addQueryRule("SELECT * FROM SMS_R_System WHERE Name LIKE 'LAB-%'", named: "labs")
            try sub.addDirectRules(["NEW-PC"])
            #expect(try lab.members().map(\.name) == ["LAB-01"])
            #expect(try lab.rules().map { "\($0.kind.rawValue) \($0.ruleName) \($0.id)" } == ["query labs \(queryID)"])
            #expect(try sub.info().parentCollectionID == lab.id)
            #expect(try new.collections().map { "\($0.collectionID) \($0.throughSubCollection)" } == ["\(sub.id) ", "\(lab.id) \(sub.id)"])
            #expect(try client.collections().map(\.name) == ["Lab", "Lab sub"])

            do {
                try lab.delete()
                Issue.record("a collection with a sub-collection was deleted")
            } catch let error as ProviderError {
                #expect(error == .validationFailed(property: "CollectionID", rule: "\(lab.id) has sub-collections (\(sub.id)); delete or move them first"))
            }
            try new.delete()
            #expect(try client.computers().map(\.name) == ["OLD-PC", "LAB-01"])
        }
    }
}
