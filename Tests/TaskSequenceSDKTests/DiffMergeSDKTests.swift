import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// The SDK's `diff(_:_:properties:)` and `merge(from:into:…)` against a real daemon.
@Suite struct DiffMergeSDKTests {
    static let corpusFile = "DeploymentResearch__DRFiles__Misc__Windows10UpgradeTS.zip__SMS_TaskSequencePackage__PS10000E__object.xml"

    @Test func aCopyEditedThenDiffedAndMergedBack() throws {
        try withProvider { client, _ in
            let original = try client.importPackage(data: try Fixtures.data(Self.corpusFile))
            let copy = try original.copy(named: "SDK merge copy")
            let step = try #require(try copy.sequence.steps().first)
            try step.rename(to: "Renamed in the copy")

            let changes = try client.diff(PackageVersionReference(original.id), PackageVersionReference(copy.id))
            #expect(changes == [SequenceChange(
                kind: .stepRenamed, stepID: String(step.id), name: "Renamed in the copy", path: changes.first?.path,
                property: "Name", old: changes.first?.old, new: "Renamed in the copy"
            )])
            #expect(changes.first?.old?.isEmpty == false)
            let withProperties = try client.diff(PackageVersionReference(original.id), PackageVersionReference(copy.id), properties: true)
            #expect(withProperties.map(\.kind) == [.packagePropertyChanged, .stepRenamed])

            let dryRun = try client.merge(from: copy.id, into: original.id, dryRun: true)
            #expect(dryRun.sourceVersion == nil)
            #expect(dryRun.applied.map(\.kind) == [.stepRenamed])
            let report = try client.merge(from: copy.id, into: original.id, expectedSourceVersion: 1)
            #expect(report.sourceVersion == 2)
            #expect(report.conflicts.isEmpty)
            #expect(try original.sequence.steps().first?.info().name == "Renamed in the copy")
            #expect(try client.diff(PackageVersionReference(original.id, at: 1), PackageVersionReference(original.id)).map(\.kind) == [.stepRenamed])

            let stale = providerError { _ = try client.merge(from: copy.id, into: original.id, expectedSourceVersion: 1) }
            #expect(stale == .conflict(expected: 1, actual: 2))
        }
    }
}
