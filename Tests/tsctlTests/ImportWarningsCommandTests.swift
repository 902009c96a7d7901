import Foundation
import Testing
import TestSupport

/// `tsctl import` and `tsctl xml check` report the same warnings, the first through the daemon
/// over D-Bus and the second offline; `import DIR` takes task sequences by their content.
@Suite struct ImportWarningsCommandTests {
    /// The warnings of each file, sorted, from `--json` entries of `import` (File, Warnings) or
    /// `xml check` (path, warnings); a zip holding several packages has all of theirs.
    private func warningsByFile(_ entries: [[String: Any]], file: String, warnings: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for entry in entries {
            guard let path = entry[file] as? String else { continue }
            result[path, default: []] += (entry[warnings] as? [String]) ?? []
        }
        return result.mapValues { $0.sorted() }
    }

    @Test func everyFixtureImportsOverDBusWithTheWarningsXMLCheckReports() throws {
        let containers = try FileManager.default.contentsOfDirectory(atPath: TSCtlFixtures.containers.path)
            .filter { $0.hasSuffix(".zip") || $0.hasSuffix(".xml") }
            // The one container that holds no task sequence is malformed, and still refused.
            .filter { $0 != "no-package.zip" }
            .map { TSCtlFixtures.path($0, in: TSCtlFixtures.containers) }
        #expect(containers.count >= 2)
        let inputs = [TSCtlFixtures.realWorld.path] + containers
        try withDaemon { cli in
            let imported = try cli.tsctl(["import"] + inputs + ["--json"])
            #expect(imported.status == 0, "\(imported.errorOutput)")
            let entries = try jsonArray(try JSONSerialization.jsonObject(with: imported.standardOutput))
            #expect(entries.count >= TSCtlFixtures.realWorldNames.count + containers.count)
            let refused = entries.filter { !($0["Error"] is NSNull) }
            #expect(refused.isEmpty, "\(refused)")

            let checked = try TSCtlFixtures.tsctl(["xml", "check", "--json"] + inputs)
            #expect(checked.status == 0, "\(checked.errorOutput)")
            let summaries = try jsonArray(try JSONSerialization.jsonObject(with: checked.standardOutput))
            #expect(summaries.count == entries.count)

            let overBus = warningsByFile(entries, file: "File", warnings: "Warnings")
            let offline = warningsByFile(summaries, file: "path", warnings: "warnings")
            #expect(overBus == offline)
            // The fixtures do break rules that imports keep.
            #expect(overBus.values.reduce(0) { $0 + $1.count } >= 10)
        }
    }

    static let warnedXML = """
        <sequence version="3.10">
          <step type="SMS_TaskSequence_RunCommandLineAction" name="Run" description="\(String(repeating: "d", count: 300))">
            <condition>
              <expression type="SMS_TaskSequence_RegistryConditionExpression">
                <variable name="KeyPath">HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso</variable>
                <variable name="Operator">notExists</variable>
              </expression>
            </condition>
            <action>smsswd.exe /run: cmd /c exit 0</action>
            <defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c exit 0</variable></defaultVarList>
          </step>
        </sequence>
        """

    @Test func importAndCheckPrintTheSameWarningLines() throws {
        let directory = try TemporaryDirectory()
        let file = directory.path + "/warned.xml"
        try writeTextFile(file, Self.warnedXML)
        let expected = [
            #"\#(file): warning: step[1] "Run": Description: length 300 exceeds AllowedLen 0-255"#,
            #"\#(file): warning: step[1] "Run" condition/expression[1]: Operator: 'notExists' is a spelling of 'nonExists' that ConfigMgr exports write (kept as written)"#,
        ]
        let checked = try TSCtlFixtures.tsctl("xml", "check", file)
        #expect(checked.status == 0)
        #expect(checked.errorLines == expected)
        try withDaemon { cli in
            let imported = try cli.tsctl("import", file)
            #expect(imported.status == 0, "\(imported.errorOutput)")
            #expect(imported.errorLines == expected)
            #expect(imported.outputLines.count == 1)
        }
    }

    @Test func checkListsEveryErrorAnImportWouldRefuse() throws {
        let directory = try TemporaryDirectory()
        let file = directory.path + "/broken.xml"
        try writeTextFile(file, #"<sequence version="3.10"><group name=""/><step type="SMS_TaskSequence_RunCommandLineAction" name="Run" runIn="Mars"><defaultVarList><variable name="CommandLine" property="CommandLine">x</variable></defaultVarList></step></sequence>"#)
        let checked = try TSCtlFixtures.tsctl("xml", "check", file)
        #expect(checked.status == 1)
        #expect(checked.errorLines == [
            #"\#(file): error: group[1] "": Name: is empty; AllowedLen 1-100"#,
            #"\#(file): error: step[2] "Run": SupportedEnvironment: 'Mars' is not WinPE, FullOS or WinPEandFullOS"#,
        ])
        try withDaemon { cli in
            let imported = try cli.tsctl("import", file)
            #expect(imported.status == 1)
            #expect(imported.errorOutput.contains("is empty; AllowedLen 1-100 (at group[1] \"\")"), "\(imported.errorOutput)")
            #expect(imported.errorOutput.contains("'Mars' is not WinPE, FullOS or WinPEandFullOS (at step[2] \"Run\")"), "\(imported.errorOutput)")
        }
    }

    @Test func importDirectoryTakesTaskSequencesByContentAndNotesTheRest() throws {
        try withDaemon { cli in
            let directory = try TemporaryDirectory()
            try FileManager.default.copyItem(atPath: CLIFixtures.chassis, toPath: directory.path + "/chassis.txt")
            try FileManager.default.copyItem(atPath: CLIFixtures.singleZip, toPath: directory.path + "/export.bin")
            try writeTextFile(directory.path + "/notes.xml", "<?xml version=\"1.0\"?>\n<!-- a page -->\n<html><body/></html>\n")
            try writeTextFile(directory.path + "/readme", "not a task sequence")

            let result = try cli.tsctl("import", directory.path)
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.outputLines.count == 2)
            #expect(result.outputLines[0].hasSuffix("/chassis.txt"))
            #expect(result.outputLines[1].hasSuffix("/export.bin"))
            #expect(result.errorLines == [
                "\(directory.path)/notes.xml: skipped: not a task sequence (its root element is <html>)",
                "\(directory.path)/readme: skipped: not a task sequence (no XML root element)",
            ])
        }
    }
}
