import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// Version-checked edits (issue 17, item 1): `edit(expecting:)` batches, `set(_:expecting:)`,
/// `update(_:expecting:)` and `sequenceXMLWithVersion()`, against a real daemon.
@Suite struct SafeEditSDKTests {
    static let corpusFile = HistorySDKTests.corpusFile
    static let runCommandLine = "SMS_TaskSequence_RunCommandLineAction"

    /// Imports the corpus package and adds two Run Command Line steps at the top in one batch.
    private func prepared(_ client: ProviderClient) throws -> (PackageHandle, StepHandle, StepHandle) {
        let package = try client.importPackage(data: try Fixtures.data(Self.corpusFile))
        let result = try package.edit(expecting: 1) { batch in
            batch.addStep(ofClass: Self.runCommandLine, properties: ["Name": .string("First"), "CommandLine": .string("cscript first.vbs")], at: 0)
            batch.addStep(ofClass: Self.runCommandLine, properties: ["Name": .string("Second"), "CommandLine": .string("cscript second.vbs")], at: 1)
        }
        #expect(result.sourceVersion == 2)
        let first = try #require(result.addedStepIDs[0]), second = try #require(result.addedStepIDs[1])
        return (package, package.step(first), package.step(second))
    }

    @Test func aConcurrentEditBetweenReadAndBatchIsConflictAndNothingIsLost() throws {
        try withProvider { client, _ in
            let (package, first, second) = try prepared(client)
            let read = try package.sequenceXMLWithVersion()
            #expect(read.sourceVersion == 2)
            #expect(read.xml == (try package.sequenceXML()))

            // Another administrator renames the first step after our read.
            try first.rename(to: "Renamed by someone else")

            let error = providerError {
                try package.edit(expecting: read.sourceVersion) { batch in
                    batch.set(.timeout, to: .int(3600), on: second)
                    batch.set(.name, to: .string("Ours"), on: first)
                }
            }
            #expect(error == .conflict(expected: 2, actual: 3))
            #expect(try first.info().name == "Renamed by someone else")
            // No time-out set: 0 today, nil once the typed model says "unset".
            #expect((try second.info().timeout ?? 0) == 0)
            #expect(try package.history().count == 3)

            // Read again and retry: the batch is one revision with one summary line.
            let again = try package.sequenceXMLWithVersion()
            let result = try package.edit(expecting: again.sourceVersion) { batch in
                batch.set(.timeout, to: .int(3600), on: second)
                batch.setSettings(["CommandLine": .string("cscript //nologo second.vbs")], on: second)
                batch.set(.description, to: .string("Fixed in one batch"))
            }
            #expect(result.sourceVersion == 4)
            let history = try package.history()
            #expect(history.count == 4)
            #expect(history.last?.summary == "3 edits: step \(second.id): set Timeout, step \(second.id): set settings CommandLine, set Description")
            #expect(try second.info().timeout == 3600)
            #expect(try second.settings()["CommandLine"] == .string("cscript //nologo second.vbs"))
            #expect(try first.info().name == "Renamed by someone else")
        }
    }

    @Test func aBatchWithABadOperationChangesNothing() throws {
        try withProvider { client, _ in
            let (package, first, second) = try prepared(client)
            let before = try package.sequenceXMLWithVersion()
            let error = providerError {
                try package.edit(expecting: before.sourceVersion) { batch in
                    batch.set(.name, to: .string("Changed"), on: first)
                    batch.delete(second)
                    batch.setSettings(["Bogus": .string("x")], on: first)
                }
            }
            #expect(error == .unknownProperty(
                "operation 2 (SetSettings): no property Bogus on SMS_TaskSequence_RunCommandLineAction; no operation of the batch was applied"))
            let after = try package.sequenceXMLWithVersion()
            #expect(after.sourceVersion == before.sourceVersion)
            #expect(after.xml == before.xml)
            #expect(try package.history().count == 2)
        }
    }

    @Test func moveAndDeleteInOneBatchAreOneRevision() throws {
        try withProvider { client, _ in
            let (package, first, second) = try prepared(client)
            let result = try package.edit(expecting: 2) { batch in
                batch.move(second, at: 0)
                batch.delete(first)
            }
            #expect(result.sourceVersion == 3)
            #expect(try package.sequence.steps().first == second)
            #expect(providerError { _ = try first.info() }?.isNotFound == true)
            #expect(try package.history().last?.summary == "2 edits: step \(second.id) moved, step \(first.id) deleted")
        }
    }

    @Test func singleEditsCarryTheVersionTheyWereBasedOn() throws {
        try withProvider { client, _ in
            let (package, first, second) = try prepared(client)
            #expect(try first.set([.name: .string("Checked"), .timeout: .int(60)], expecting: 2) == 3)
            #expect(try package.history().last?.summary == "2 edits: step \(first.id) renamed, step \(first.id): set Timeout")
            #expect(providerError { try second.setSettings(["CommandLine": .string("stale")], expecting: 2) } == .conflict(expected: 2, actual: 3))
            #expect(providerError { try package.update([.description: .string("stale")], expecting: 2) } == .conflict(expected: 2, actual: 3))
            #expect(try second.settings()["CommandLine"] == .string("cscript second.vbs"))
            #expect(try package.update([.description: .string("fresh")], expecting: 3) == 4)
            #expect(try package.info().description == "fresh")
        }
    }

    @Test func conditionEditsJoinTheBatch() throws {
        try withProvider { client, _ in
            let (package, first, _) = try prepared(client)
            let variable = "SMS_TaskSequence_VariableConditionExpression"
            let result = try package.edit(expecting: 2) { batch in
                batch.addOperator("or", to: first)
                batch.addExpression(ofClass: variable, properties: ["Variable": .string("OSDBuild"), "Operator": .string("equals"), "Value": .string("1")], to: first)
            }
            #expect(result.sourceVersion == 3)
            let orID = try #require(result.addedOperandIDs[0]), expressionID = try #require(result.addedOperandIDs[1])
            #expect(try first.info().conditionText?.contains("OSDBuild") == true)
            #expect(try package.history().count == 3)

            let error = providerError {
                try package.edit(expecting: 3) { batch in
                    batch.deleteOperand(expressionID, of: first)
                    batch.addExpression(ofClass: variable, properties: ["Varable": .string("X")], to: first, inOperator: orID)
                }
            }
            #expect(error == .unknownProperty(
                "operation 1 (AddExpression): no property Varable on \(variable); did you mean Variable?; no operation of the batch was applied"))
            #expect(try first.info().conditionText?.contains("OSDBuild") == true)

            #expect(try package.edit(expecting: 3) { $0.clearCondition(of: first) }.sourceVersion == 4)
            #expect(try first.info().conditionText == nil)
        }
    }
}
