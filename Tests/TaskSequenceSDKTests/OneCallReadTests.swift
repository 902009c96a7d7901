import Foundation
@testable import TaskSequenceSDK
import TaskSequenceXML
import Testing
import TestSupport

/// One-call reads: the package list, a package's step tree, and the snapshot program's budget
/// of at most two calls per package, counted over the real-world corpus.
@Suite struct OneCallReadTests {
    @Test func theSnapshotOfEveryCorpusPackageMakesAtMostTwoCallsPerPackage() throws {
        try withProvider { client, _ in
            for name in Fixtures.realWorldNames {
                _ = try client.importPackage(data: Fixtures.data(name))
            }
            let before = client.callsMade
            // The snapshot program: every package's properties, then its sequence XML.
            let packages = try client.packages()
            var snapshot: [String: (PackageInfo, String)] = [:]
            for info in packages {
                snapshot[info.packageID] = (info, try client.package(info.packageID).sequenceXML())
            }
            let calls = client.callsMade - before
            #expect(packages.count == Fixtures.realWorldNames.count)
            #expect(calls == packages.count + 1, "\(calls) calls for \(packages.count) packages")
            #expect(calls <= 2 * packages.count)
            #expect(snapshot.values.allSatisfy { $0.1.hasPrefix("<sequence") })
            #expect(snapshot.values.allSatisfy { $0.0.sourceVersion >= 1 && $0.0.packageType == 4 })
        }
    }

    @Test func theListedPackagesAreWhatEachPackagesOwnReadGives() throws {
        try withProvider { client, _ in
            _ = try client.importPackage(data: Fixtures.data(SDKFixtures.mdtName))
            _ = try client.importPackage(data: Fixtures.data(SDKFixtures.chassisName))
            let before = client.callsMade
            let listed = try client.packages()
            #expect(client.callsMade - before == 1)
            #expect(listed.count == 2)
            #expect(listed.map(\.packageID) == listed.map(\.packageID).sorted())
            for info in listed {
                #expect(try client.package(info.packageID).info() == info)
            }
        }
    }

    @Test func aPackagesStepTreeIsOneCallAndMatchesTheStepByStepRead() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(data: Fixtures.data(SDKFixtures.mdtName))
            let counts = try SDKFixtures.counts(SDKFixtures.mdtName)
            let before = client.callsMade
            let tree = try package.stepTree()
            #expect(client.callsMade - before == 1)
            #expect(tree.sourceVersion == (try package.info()).sourceVersion)
            let all = tree.allSteps
            #expect(all.filter(\.isGroup).count == counts.groups)
            #expect(all.filter { !$0.isGroup }.count == counts.steps)
            #expect(all.filter { $0.conditionText != nil }.count == counts.conditions)
            let maximumDepth = tree.steps.flatMap { $0.flattened() }.map(\.depth).max() ?? 0
            #expect(maximumDepth + 1 == counts.depth)
            // Each step as its own object reads it: the same facts.
            for info in all {
                let alone = try package.step(info.id).info()
                #expect(alone == info, "step \(info.id): \(alone) read alone, \(info) in the tree")
            }
            // A group's subtree is the same one call, cut at the group.
            let group = try #require(tree.steps.first { $0.info.isGroup })
            #expect(try package.step(group.info.id).stepTree() == group.children)
            #expect(try package.sequence.stepTree() == tree.steps)
        }
    }

    @Test func anActionHasNoSubtreeAndAMissingStepIsUnknown() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Tree")
            let step = try package.sequence.addStep(.runCommandLine("cmd /c exit 0"), named: "Run")
            #expect(try step.info().timeout == nil)
            #expect(try package.stepTree().allSteps.first?.timeout == nil)
            let action = providerError { _ = try step.stepTree() }
            #expect(action == .invalidArguments("step \(step.id) is an action, not a group"))
            let missing = providerError { _ = try package.step(999_999).stepTree() }
            #expect(missing == .unknownObject("step 999999 of package \(package.id)"))
        }
    }
}
