import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// The SDK's history: `history()`, `sequenceXML(at:)`, `stepIDs(at:)`, `rollback(to:)`,
/// `copy(named:)` and `StepHandle.copy(to:at:)`.
@Suite struct HistorySDKTests {
    static let corpusFile = "DeploymentResearch__DRFiles__Misc__Windows10UpgradeTS.zip__SMS_TaskSequencePackage__PS10000E__object.xml"

    @Test func historyRevisionsRollbackAndCopies() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(data: try Fixtures.data(Self.corpusFile))
            let imported = try package.sequenceXML()
            let first = try #require(try package.sequence.steps().first)
            try first.rename(to: "Renamed with the SDK")
            try package.set(.description, to: .string("Edited with the SDK"))

            let history = try package.history()
            #expect(history.map(\.sourceVersion) == [1, 2, 3])
            #expect(history.map(\.summary).dropFirst() == ["step \(first.id) renamed", "set Description"])
            #expect(history.allSatisfy { $0.isReadable && $0.userName == "root" })
            #expect(try package.sequenceXML(at: 1) == imported)
            #expect(try package.sequenceXML(at: 2).contains("Renamed with the SDK"))
            let idsAtOne = try package.stepIDs(at: 1)
            #expect(idsAtOne.values.contains(first.id))
            #expect(try package.export(at: 2, format: .package).contains("Renamed with the SDK"))

            #expect(try package.rollback(to: 1) == 4)
            #expect(try package.sequenceXML() == imported)
            #expect(try package.stepIDs(at: 4) == idsAtOne)
            #expect(try package.history().last?.summary == "rolled back to 1")

            let copy = try package.copy(named: "SDK copy")
            #expect(try copy.info().name == "SDK copy")
            #expect(try copy.sequenceXML() == imported)
            let stepCopy = try first.copy(to: copy.sequence, at: 0)
            #expect(stepCopy.packageID == copy.id)
            #expect(try copy.sequence.steps().first == stepCopy)
            #expect(try stepCopy.info().name == (try first.info().name))

            let error = providerError { _ = try package.sequenceXML(at: 99) }
            #expect(error == .notFound("revision 99 of SMS_TaskSequencePackage.PackageID=\"\(package.id)\" does not exist"))
        }
    }
}
