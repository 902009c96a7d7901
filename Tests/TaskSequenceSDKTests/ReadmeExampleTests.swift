import Foundation
import TaskSequenceSDK
import TaskSequenceXML
import Testing
import TestSupport

/// The README's example program, as written there (files in a temporary directory, the client
/// on the test daemon), so the example keeps compiling and working.
@Suite struct ReadmeExampleTests {
    @Test func theExampleProgramRuns() throws {
        try withProvider { client, _ in
            let directory = try TemporaryDirectory()
            let input = URL(fileURLWithPath: directory.path + "/ts.xml")
            let output = URL(fileURLWithPath: directory.path + "/with-diagnostics.xml")
            try Fixtures.data(SDKFixtures.mdtName).write(to: input)

            // From the README:
            let package = try client.importPackage(contentsOf: input, options: ImportOptions(name: "Windows 11 with diagnostics"))
            let group = try package.sequence.addGroup(named: "Diagnostics", at: 0)
            try group.addStep(
                .runCommandLine(#"cmd /c ipconfig /all > %_SMSTSLogPath%\ip.txt"#).timeout(seconds: 300),
                named: "Save network configuration",
                condition: .variable("_SMSTSInWinPE", .equals, "false"))
            try package.export(format: .package, to: output)

            let document = try #require(try TaskSequenceReader().documents(from: Data(contentsOf: output)).first)
            #expect(document.package.name == "Windows 11 with diagnostics")
            let first = try #require(document.sequence.steps.first)
            #expect(first.name == "Diagnostics" && first.steps.first?.name == "Save network configuration")
            #expect(first.steps.first?.timeout == 300)
            #expect(first.steps.first?.condition != nil)
        }
    }
}
