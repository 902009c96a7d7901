import Foundation
import Testing
import TestSupport

/// `tsctl diff FILE FILE`, offline: no service runs in these tests.
@Suite struct DiffCommandTests {
    static let mdtClient = "erikpt__Modern-Deployment-Toolkit__DeployXMLExamples__001__ts.xml"

    /// A copy of the MDT client sequence edited in three places, as text, in a temporary directory.
    static func editedCopy(in directory: URL) throws -> String {
        var text = String(decoding: try Data(contentsOf: TSCtlFixtures.realWorld.appendingPathComponent(mdtClient)), as: UTF8.self)
        let edits = [
            ("name=\"Enable BitLocker (Offline)\"", "name=\"Enable BitLocker (Offline, TPM)\""),
            ("name=\"CLEAN MDT FILES\" description=\"\" disable=\"true\"", "name=\"CLEAN MDT FILES\" description=\"\" disable=\"false\""),
            ("<action>cmd /c %ScriptRoot%\\Set-Time\\RunPS.cmd", "<action>cmd /c %ScriptRoot%\\Set-Time\\SetTime.cmd"),
        ]
        for (old, new) in edits {
            #expect(text.components(separatedBy: old).count == 2, "\(old) occurs once")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let path = directory.appendingPathComponent("copy.xml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsctl-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aCopyEditedInThreePlacesShowsThoseThreeChangesAndExitsOne() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = try Self.editedCopy(in: directory)
        let original = TSCtlFixtures.path(Self.mdtClient)

        let text = try TSCtlFixtures.tsctl("diff", original, copy)
        #expect(text.status == 1, "\(text.errorOutput)")
        #expect(text.errorOutput.isEmpty)
        #expect(text.outputLines == [
            "~ group[2]/step[3] \"Set System Time\"",
            "    Action: \"cmd /c %ScriptRoot%\\\\Set-Time\\\\RunPS.cmd 1>>\\\"%_SMSTSLogPath%\\\\Set-Time.log\\\" 2>>&1 & exit %ERRORLEVEL%\" → \"cmd /c %ScriptRoot%\\\\Set-Time\\\\SetTime.cmd 1>>\\\"%_SMSTSLogPath%\\\\Set-Time.log\\\" 2>>&1 & exit %ERRORLEVEL%\"",
            "~ group[3]/step[7] \"Enable BitLocker (Offline, TPM)\"",
            "    renamed: \"Enable BitLocker (Offline)\" → \"Enable BitLocker (Offline, TPM)\"",
            "~ group[5]/step[13] \"CLEAN MDT FILES\"",
            "    enabled",
        ])

        let json = try TSCtlFixtures.tsctl("diff", "--json", original, copy)
        #expect(json.status == 1)
        let changes = try #require(try JSONSerialization.jsonObject(with: json.standardOutput) as? [[String: Any]])
        #expect(changes.map { $0["Kind"] as? String } == ["SettingChanged", "StepRenamed", "StepEnabled"])
        #expect(changes.map { $0["Path"] as? String } == ["group[2]/step[3]", "group[3]/step[7]", "group[5]/step[13]"])
        let keys = Set(["Kind", "StepID", "Name", "Path", "FromPath", "Property", "Old", "New", "Secret"])
        #expect(changes.allSatisfy { Set($0.keys) == keys })
        #expect(changes.allSatisfy { $0["StepID"] is NSNull })
        #expect(changes[2]["Old"] as? String == "false" && changes[2]["New"] as? String == "true")
    }

    @Test func aFileComparedWithItselfHasNoDifferencesAndExitsZero() throws {
        let original = TSCtlFixtures.path(Self.mdtClient)
        let text = try TSCtlFixtures.tsctl("diff", original, original)
        #expect(text.status == 0)
        #expect(text.output == "No differences.\n")
        let json = try TSCtlFixtures.tsctl("diff", "--json", original, original)
        #expect(json.status == 0)
        #expect(json.output == "[\n\n]\n")
    }

    /// An object.xml and the sequence the corpus extracted from it hold the same steps; only the
    /// object.xml has package properties, so none are compared.
    @Test func formatsCompareByContent() throws {
        let name = "DeploymentResearch__DRFiles__Scripts__TaskSequences__TS-BitLocker.zip__SMS_TaskSequencePackage__PS100294__object.xml"
        let result = try TSCtlFixtures.tsctl("diff", TSCtlFixtures.path(name), TSCtlFixtures.path(name + ".sequence.xml", in: TSCtlFixtures.derived))
        #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
    }

    @Test func aMalformedFileIsTroubleExitingTwo() throws {
        let original = TSCtlFixtures.path(Self.mdtClient)
        let bad = try #require(TSCtlFixtures.malformedNames.first)
        let badPath = TSCtlFixtures.path(bad, in: TSCtlFixtures.malformed)
        let result = try TSCtlFixtures.tsctl("diff", original, badPath)
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.hasPrefix(badPath + ":") == true, "\(result.errorOutput)")
    }

    @Test func aFileAndAPackageAreNotCompared() throws {
        let original = TSCtlFixtures.path(Self.mdtClient)
        let result = try TSCtlFixtures.tsctl("diff", original, "PS100004")
        #expect(result.status == 2)
        #expect(result.errorOutput.hasPrefix("tsctl: Compare two files or two packages: '\(original)' is a file, the other is not. See "), "\(result.errorOutput)")
    }
}
