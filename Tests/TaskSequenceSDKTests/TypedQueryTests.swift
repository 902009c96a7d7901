import Foundation
@testable import TaskSequenceSDK
import Testing
import TestSupport

/// Typed queries: steps, actions of a class, steps conditioned on a variable and packages,
/// each one WQL query with the quoting done, returning matches that become handles.
@Suite struct TypedQueryTests {
    @Test func stepQueriesFindWhatTheStepTreeHolds() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(data: Fixtures.data(SDKFixtures.mdtName))
            let all = try package.stepTree().allSteps
            let before = client.callsMade

            let applies = try client.steps(where: .name(like: "Apply%"))
            let expectedApplies = all.filter { $0.name.lowercased().hasPrefix("apply") }.map(\.id)
            #expect(!expectedApplies.isEmpty)
            #expect(applies.map(\.stepID).sorted() == expectedApplies.sorted())

            let capture = try client.steps(conditionedOn: "docapture")
            let expectedCapture = all.filter { $0.conditionText?.contains("DoCapture") == true }.map(\.id)
            #expect(!expectedCapture.isEmpty)
            #expect(capture.map(\.stepID).sorted() == expectedCapture.sorted())

            let disabled = try client.steps(where: .isEnabled(false))
            #expect(disabled.map(\.stepID).sorted() == all.filter { !$0.isEnabled }.map(\.id).sorted())
            #expect(client.callsMade - before == 3, "one call per query")

            for match in applies {
                let info = try match.handle.info()
                #expect(info.name == match.name && info.className == match.className && info.isEnabled == match.isEnabled)
                #expect(match.package.id == package.id)
            }
        }
    }

    @Test func theBulkFixFindsCscriptStepsAndSetsTheirTimeout() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Scripts")
            let first = try package.sequence.addStep(.runCommandLine("cscript //nologo fix.vbs"), named: "Fix")
            let second = try package.sequence.addStep(.runCommandLine("CSCRIPT check.wsf").timeout(seconds: 60), named: "Check")
            _ = try package.sequence.addStep(.runCommandLine("cmd /c echo cscriptX"), named: "Echo")
            _ = try package.sequence.addStep(.runCommandLine("powershell -File x.ps1"), named: "Other")

            let found = try client.actions(ofClass: .runCommandLine, where: .commandLine(contains: "cscript "))
            #expect(found.map(\.stepID) == [first.id, second.id])
            #expect(found.map(\.timeout) == [nil, 60])
            #expect(found.first?.settings["CommandLine"]?.text == "cscript //nologo fix.vbs")
            for match in found { try match.handle.set(.timeout, to: .int(3600)) }
            #expect(try first.info().timeout == 3600)
            #expect(try second.info().timeout == 3600)
            // `_` in the text is literal, not "any character".
            #expect(try client.actions(ofClass: .runCommandLine, where: .commandLine(contains: "cscript_")).isEmpty)
            #expect(try client.actions(ofClass: .runCommandLine, where: .commandLine(contains: "cscriptX")).map(\.name) == ["Echo"])
        }
    }

    @Test func valuesAreQuotedAndPatternCharactersAreLiteral() throws {
        try withProvider { client, _ in
            let quoted = try client.createPackage(named: "O'Brien's 50% build")
            _ = try client.createPackage(named: "O'Brien's 500 build")
            let step = try quoted.sequence.addStep(.runCommandLine("cmd /c exit 0"), named: "It's \\ 100%")
            _ = try quoted.sequence.addStep(.runCommandLine("cmd /c exit 0"), named: "It's \\ 1000")

            let packages = try client.packages(where: .name(contains: "50%"))
            #expect(packages.map(\.packageID) == [quoted.id])
            #expect(packages.first?.name == "O'Brien's 50% build")
            #expect(try packages.first?.handle.info().sourceVersion == packages.first?.sourceVersion)
            #expect(try client.steps(where: .name("it's \\ 100%")).map(\.stepID) == [step.id])
            #expect(try client.steps(where: .name(contains: "100%") && .package(quoted.id)).map(\.stepID) == [step.id])
            #expect(try client.steps(where: !.name(contains: "100%")).count == 1)
            #expect(ProviderClient.wqlString("a'b\\c") == "'a\\'b\\\\c'")
        }
    }

    @Test func aFilterNamingAnUnknownPropertyIsAnInvalidQuery() throws {
        try withProvider { client, _ in
            let error = providerError { _ = try client.steps(where: .setting("NoSuchProperty", equals: "x")) }
            #expect(error == .invalidQuery("at 43 near 'NoSuchProperty': NoSuchProperty is not a property of SMS_TaskSequence_Step"))
        }
    }
}
