import Foundation
import TaskSequenceModel
import TaskSequenceXML
import Testing
import TestSupport

/// What a newcomer meets first: `--version` on both tools, `tsctl xml check DIR/` and
/// `tsctl export --json`.
@Suite struct NewcomerPathTests {
    @Test func bothToolsAnswerVersionWithTheSharedConstant() throws {
        let tsctl = try TSCtlFixtures.tsctl("--version")
        #expect(tsctl.status == 0, "\(tsctl.errorOutput)")
        #expect(tsctl.output == ProjectVersion.current + "\n")
        let daemon = try CommandRunner.run(try CommandRunner.builtProduct(named: "tsproviderd"), ["--version"])
        #expect(daemon.status == 0, "\(daemon.errorOutput)")
        #expect(daemon.output == ProjectVersion.current + "\n")
    }

    @Test func xmlCheckWalksADirectoryAsImportDoes() throws {
        let directory = try TemporaryDirectory()
        let nested = directory.path + "/nested"
        try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: nested) }
        try FileManager.default.copyItem(atPath: CLIFixtures.chassis, toPath: nested + "/chassis.xml")
        try FileManager.default.copyItem(atPath: CLIFixtures.singleZip, toPath: directory.path + "/single.zip")
        try writeTextFile(directory.path + "/notes.txt", "not a task sequence")

        // With the trailing slash a shell's completion leaves.
        let result = try TSCtlFixtures.tsctl("xml", "check", directory.path + "/")
        #expect(result.status == 0, "\(result.errorOutput)")
        // Files are taken by content: the text file is skipped with a note.
        #expect(result.errorLines == ["\(directory.path)/notes.txt: skipped: not a task sequence (no XML root element)"], "\(result.errorOutput)")
        let lines = result.outputLines
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix(directory.path + "/nested/chassis.xml: format=sequence ") == true, "\(lines)")
        #expect(lines.last?.hasPrefix(directory.path + "/single.zip: format=zip") == true, "\(lines)")
    }

    @Test func xmlCheckSaysSoWhenADirectoryHoldsNoTaskSequenceFiles() throws {
        let directory = try TemporaryDirectory()
        try writeTextFile(directory.path + "/notes.txt", "not a task sequence")
        let result = try TSCtlFixtures.tsctl("xml", "check", directory.path, CLIFixtures.chassis)
        #expect(result.status == 1)
        #expect(result.errorLines == [
            "\(directory.path)/notes.txt: skipped: not a task sequence (no XML root element)",
            "\(directory.path): the directory holds no task sequence files",
        ])
        // The other paths are still checked.
        #expect(result.outputLines.count == 1)
        #expect(result.outputLines.first?.hasPrefix(CLIFixtures.chassis + ": format=sequence ") == true)
    }

    @Test func exportJSONCarriesTheXMLOrNamesTheFile() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", CLIFixtures.chassis, "--name", "Chassis").prefix(8))
            let toOutput = try jsonObject(try cli.json("export", id, "--format", "sequence", "--json"))
            #expect(Set(toOutput.keys) == ["PackageID", "Format", "File", "XML"])
            #expect(toOutput["PackageID"] as? String == id)
            #expect(toOutput["Format"] as? String == "sequence")
            #expect(toOutput["File"] is NSNull)
            let xml = try #require(toOutput["XML"] as? String)
            #expect(try XMLEquivalence.firstDifference(between: String(decoding: try Data(contentsOf: URL(fileURLWithPath: CLIFixtures.chassis)), as: UTF8.self), and: xml) == nil)
            #expect(xml == (try cli.succeed("export", id, "--format", "sequence")).trimmingCharacters(in: .newlines))

            let directory = try TemporaryDirectory()
            let file = directory.path + "/out.xml"
            let toFile = try jsonObject(try cli.json("export", id, "-o", file, "--json"))
            #expect(toFile["PackageID"] as? String == id)
            #expect(toFile["Format"] as? String == "package")
            #expect(toFile["File"] as? String == file)
            #expect(toFile["XML"] is NSNull)
            let document = try #require(try TaskSequenceReader().documents(from: Data(contentsOf: URL(fileURLWithPath: file))).first)
            #expect(document.format == .package2007 && document.package.name == "Chassis")
        }
    }
}
