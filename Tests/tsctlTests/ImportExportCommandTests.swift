import Foundation
import TaskSequenceXML
import Testing
import TestSupport

/// `tsctl import` (many files, directories, zips) and `tsctl export`.
@Suite struct ImportExportCommandTests {
    @Test func importManyFilesAndDirectoriesAtOnce() throws {
        try withDaemon { cli in
            let directory = try TemporaryDirectory()
            try FileManager.default.createDirectory(atPath: directory.path + "/nested", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CLIFixtures.chassis, toPath: directory.path + "/nested/chassis.xml")
            try FileManager.default.copyItem(atPath: CLIFixtures.singleZip, toPath: directory.path + "/single.zip")
            try writeTextFile(directory.path + "/notes.txt", "not a task sequence")

            let result = try cli.tsctl("import", CLIFixtures.echo, CLIFixtures.mdt, CLIFixtures.severalZip, directory.path)
            #expect(result.status == 0, "\(result.errorOutput)")
            // Only the note on the file that is no task sequence: no progress unless stderr is a terminal.
            #expect(result.errorLines == [
                "\(directory.path)/notes.txt: skipped: not a task sequence (no XML root element)",
                #"\#(CLIFixtures.severalZip) (PS10026F): warning: group[1]/step[4] "Run HP BIOS Update" condition/operator[1]: Operands: the or operator has no operands"#,
            ], "\(result.errorOutput)")
            let lines = result.outputLines
            #expect(lines.count == 6)
            #expect(lines.allSatisfy { $0.hasPrefix("PS1") })
            #expect(lines[0].hasSuffix(CLIFixtures.echo))
            // A bare <sequence> has no name: the package is named after its file.
            #expect(lines[0].contains("microsoft__configmgr-hub-selfhost__Communityhub__TaskSequence__Echo_IP_Addresses  "))
            #expect(lines[1].contains("Standard Server Task Sequence"))
            #expect(lines[2].hasSuffix("(PS100294)") && lines[3].hasSuffix("(PS10026F)"), "each package of the zip")
            #expect(lines[4].hasSuffix("nested/chassis.xml"))
            #expect(lines[5].hasSuffix("single.zip"))
            #expect(try jsonArray(try cli.json("package", "list")).count == 6)
        }
    }

    @Test func importShowsProgressOnATerminal() throws {
        // `script` (bsdutils, essential on Debian) gives tsctl a terminal; without it the test
        // fails rather than passing untested.
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux `script` is not installed, so no terminal can be given to tsctl")
        try withDaemon { cli in
            let directory = try TemporaryDirectory()
            let tsctl = try CommandRunner.builtProduct(named: "tsctl").path
            // Standard error is the terminal `script` makes (recorded in its typescript);
            // standard output goes to a file.
            let command = "'\(tsctl)' import '\(CLIFixtures.chassis)' '\(CLIFixtures.mdt)' --address '\(cli.daemon.address)' > '\(directory.path)/out'"
            let run = try runTool("/usr/bin/script", ["-qec", command, directory.path + "/typescript"])
            #expect(run.succeeded, "\(run)")
            let terminal = readTextFile(directory.path + "/typescript") ?? ""
            #expect(terminal.contains("[0/2] microsoft__configmgr-hub-firstparty__How_to_use_Chassis"), "\(terminal)")
            #expect(terminal.contains("[1/2] DeploymentBunny__"), "\(terminal)")
            #expect(terminal.contains("\r\u{1B}[K"), "the progress line is rewritten in place")
            let output = (readTextFile(directory.path + "/out") ?? "").split(separator: "\n")
            #expect(output.count == 2 && output.allSatisfy { $0.hasPrefix("PS1") }, "results on standard output, no progress there")
        }
    }

    @Test func importReportsEachBadFileAndGoesOn() throws {
        try withDaemon { cli in
            let directory = try TemporaryDirectory()
            try writeTextFile(directory.path + "/broken.xml", "<sequence version=\"3.10\">\n<group name=\"a\">\n</sequence>\n")
            let result = try cli.tsctl("import", directory.path + "/broken.xml", "/nonexistent/ts.xml", CLIFixtures.chassis, "--json")
            #expect(result.status == 1)
            #expect(result.errorLines.count == 2)
            #expect(result.errorLines[0].hasPrefix("tsctl: \(directory.path)/broken.xml: invalid XML at line 3"), "\(result.errorLines)")
            #expect(result.errorLines[1] == "tsctl: /nonexistent/ts.xml: no such file or directory")
            let entries = try jsonArray(try JSONSerialization.jsonObject(with: result.standardOutput))
            #expect(entries.count == 3)
            let imported = try #require(entries.first { $0["Error"] is NSNull })
            #expect(imported["File"] as? String == CLIFixtures.chassis)
            #expect((imported["PackageID"] as? String)?.hasPrefix("PS1") == true)
            #expect(entries.filter { $0["PackageID"] is NSNull }.count == 2)
            #expect(try jsonArray(try cli.json("package", "list")).count == 1)
        }
    }

    @Test func importOptionsNameAndChooseFromAZip() throws {
        try withDaemon { cli in
            let named = try cli.succeed("import", CLIFixtures.chassis, "--name", "Chassis checks")
            #expect(named.contains("  Chassis checks  "))
            let chosenRun = try cli.tsctl("import", CLIFixtures.severalZip, "--package-id", "PS10026F")
            #expect(chosenRun.status == 0, "\(chosenRun.errorOutput)")
            #expect(chosenRun.outputLines.count == 1 && chosenRun.outputLines.first?.hasSuffix("(PS10026F)") == true)
            // That package's condition has an empty `or`, which the import keeps and warns about.
            #expect(chosenRun.errorLines == [
                #"\#(CLIFixtures.severalZip) (PS10026F): warning: group[1]/step[4] "Run HP BIOS Update" condition/operator[1]: Operands: the or operator has no operands"#,
            ])
            try cli.fail(["import", CLIFixtures.chassis, CLIFixtures.echo, "--name", "Both"], status: 2, mentions: ["--name"])
            try cli.fail(["import"], status: 2)
            try cli.fail(["import", CLIFixtures.severalZip, "--package-id", "PS1NOPE1"], mentions: [CLIFixtures.severalZip])
        }
    }

    @Test func exportInBothFormatsToStandardOutputAndFiles() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", CLIFixtures.chassis, "--name", "Chassis").prefix(8))
            let sequence = try cli.succeed("export", id, "--format", "sequence")
            #expect(sequence.hasPrefix("<sequence"))
            #expect(try XMLEquivalence.firstDifference(between: String(decoding: try Data(contentsOf: URL(fileURLWithPath: CLIFixtures.chassis)), as: UTF8.self), and: sequence) == nil)
            let package = try cli.succeed("export", id)
            #expect(package.contains("<SmsTaskSequencePackage") && package.contains("<Name>Chassis</Name>"))

            let directory = try TemporaryDirectory()
            let file = directory.path + "/out.xml"
            #expect(try cli.succeed("export", id, "-o", file).isEmpty)
            let document = try #require(try TaskSequenceReader().documents(from: Data(contentsOf: URL(fileURLWithPath: file))).first)
            #expect(document.format == .package2007 && document.package.name == "Chassis")
            #expect(document.sequence.counts.groups == 3)

            try cli.fail(["export", id, "--format", "zip"], status: 2, mentions: ["zip"])
            try cli.fail(["export", id, "-o", directory.path + "/missing/out.xml"], mentions: ["missing/out.xml"])
        }
    }
}
