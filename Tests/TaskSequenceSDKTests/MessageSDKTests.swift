import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// Error messages (issue 17, item 7): a property named once, with its class, and the nearest
/// valid name suggested for an unknown one.
@Suite struct MessageSDKTests {
    static let powerShell = "SMS_TaskSequence_RunPowerShellScriptAction"

    @Test func messagesNameThePropertyOnceWithItsClassAndSuggestANearName() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(data: try Fixtures.data(HistorySDKTests.corpusFile))
            let added = try package.edit(expecting: nil) { batch in
                batch.addStep(ofClass: Self.powerShell, properties: ["Name": .string("Script"), "SourceScript": .string("Write-Host hi"), "ExecutionPolicy": .string("Bypass"), "Parameters": .string("-Verbose")])
            }
            let step = package.step(try #require(added.addedStepIDs[0]))
            let badValue = providerError { try step.setSettings(["ExecutionPolicy": .string("Yolo")]) }
            #expect(badValue == .validationFailed(property: "ExecutionPolicy", rule:
                "'Yolo' is not in ValueMap {Restricted, AllSigned, RemoteSigned, Unrestricted, Bypass, Undefined} (\(Self.powerShell))"))
            #expect(badValue?.message ==
                "ExecutionPolicy: 'Yolo' is not in ValueMap {Restricted, AllSigned, RemoteSigned, Unrestricted, Bypass, Undefined} (\(Self.powerShell))")
            let unknown = providerError { try step.setSettings(["Parameter": .string("-Verbose")]) }
            #expect(unknown == .unknownProperty("no property Parameter on \(Self.powerShell); did you mean Parameters?"))
            let misspeltOwn = providerError { try step.setSettings(["Nmae": .string("x")], expecting: nil) }
            #expect(misspeltOwn == .unknownProperty("no property Nmae on \(Self.powerShell); did you mean Name?"))
            let unknownInBatch = providerError { try package.edit(expecting: nil) { $0.set(.timeout, to: .int(5), on: step); $0.setSettings(["Parametres": .string("x")], on: step) } }
            #expect(unknownInBatch == .unknownProperty(
                "operation 1 (SetSettings): no property Parametres on \(Self.powerShell); did you mean Parameters?; no operation of the batch was applied"))
        }
    }
}
