import Foundation
import TaskSequenceSDK
import TaskSequenceModel
import TaskSequenceXML
import Testing
import TestSupport

/// Issue 7's "done when", through the SDK: import a real task sequence, add a group with a
/// conditioned Run Command Line step inside it, move it, grant a user Read on the package,
/// query for it, and export it back. (What that user then sees is proven with tsctl run as the
/// user, in tsctlTests' scenario.)
@Suite struct DoneWhenScenarioTests {
    static let source = "microsoft__configmgr-hub-selfhost__Communityhub__TaskSequence__Echo_IP_Addresses.xml"
    static let reader = "tsp-alice"

    @Test func theScenario() throws {
        try SystemPrincipals.user(Self.reader)
        try withProvider { client, _ in
            // Another package, so the query below has something to leave out.
            _ = try client.importPackage(xml: try SDKFixtures.text(SDKFixtures.chassisName), options: ImportOptions(name: "Chassis"))

            // Import a real task sequence.
            let package = try client.importPackage(contentsOf: Fixtures.realWorld.appendingPathComponent(Self.source), options: ImportOptions(name: "Done when"))
            let originalTop = try package.sequence.steps()
            #expect(!originalTop.isEmpty)

            // A group with a conditioned Run Command Line step inside it.
            let group = try package.sequence.addGroup(named: "Diagnostics", description: "added by the SDK scenario")
            let step = try group.addStep(
                .runCommandLine("cmd /c ipconfig /all > %_SMSTSLogPath%\\ip.txt"), named: "Save network configuration",
                condition: .variable("_SMSTSInWinPE", .equals, "false"))
            #expect(try step.info().conditionText?.contains("_SMSTSInWinPE") == true)

            // Move it (the group, with its step) to the top.
            try group.move(into: package.sequence, at: 0)
            #expect(try package.sequence.steps() == [group] + originalTop)
            #expect(try step.info().parentID == group.id, "the step moved with its group and kept its ID")

            // Grant a user Read on the package: the entry as stored, beside root's creator entry.
            let entry = try client.grant(.read, to: Self.reader, on: .package(package.id))
            #expect(entry.scope == .instance && entry.userName == Self.reader && entry.objectKey == 20)
            #expect(entry.instanceKey == package.id && entry.rights == .read)
            let entries = try client.permissions(on: .package(package.id))
            #expect(entries.map(\.userName) == ["root", Self.reader] && entries.map(\.rights) == [[.read, .modify, .delete], .read])
            #expect(entries.last == entry)

            // Query for the step.
            let rows = try client.query("SELECT * FROM SMS_TaskSequence_RunCommandLineAction WHERE Name = 'Save network configuration'")
            #expect(rows.map(\.relativePath) == [step.relativePath])
            #expect(rows.first?.className == "SMS_TaskSequence_RunCommandLineAction")
            #expect(rows.first?.path == step.objectPath)
            #expect(rows.first?["PackageID"] == .string(package.id))
            #expect(rows.first?["CommandLine"] == "cmd /c ipconfig /all > %_SMSTSLogPath%\\ip.txt")

            // Export it back and read the export with the codec.
            let exported = try package.export(format: .package)
            let document = try #require(try TaskSequenceReader().documents(from: Data(exported.utf8)).first)
            #expect(document.format == .package2007)
            #expect(document.package.name == "Done when")
            #expect(document.sequence.steps.count == originalTop.count + 1)
            let first = try #require(document.sequence.steps.first)
            #expect(first.isGroup && first.name == "Diagnostics")
            let inner = try #require(first.steps.first)
            #expect(inner.name == "Save network configuration")
            #expect(inner.className == "SMS_TaskSequence_RunCommandLineAction")
            #expect(inner.condition?.operands.count == 1)
            #expect(exported.contains("_SMSTSInWinPE"))
            #expect(exported.contains("ipconfig /all"))
        }
    }
}
