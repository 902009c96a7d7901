import Foundation
import Testing
import TestSupport

/// `tsctl import DIR` sends its text files in ImportBatch calls: each file reported in order, a
/// bad one in the middle failing alone, and a user without Create refused for every file.
@Suite struct ImportBatchCommandTests {
    static let user = "tsp-importer"
    static let sequence = #"<sequence version="3.10"><step type="SMS_TaskSequence_RebootAction" name="Restart"><action>smsboot.exe /target:HD</action><defaultVarList><variable name="SMSRebootTarget" property="Target">HD</variable></defaultVarList></step></sequence>"#

    @Test func aDirectoryImportsEveryFileAndReportsTheBadOneInItsPlace() throws {
        try withDaemon { cli in
            let directory = try TemporaryDirectory()
            // More files than one call carries, a broken one among them.
            let count = 40
            for index in 0..<count {
                let text = index == 20 ? "<sequence version=\"3.10\">\n<group name=\"a\">\n</sequence>\n" : Self.sequence
                try writeTextFile(directory.path + String(format: "/ts%02d.xml", index), text)
            }
            let result = try cli.tsctl("import", directory.path, "--json")
            #expect(result.status == 1)
            #expect(result.errorLines.count == 1 && result.errorLines[0].hasPrefix("tsctl: \(directory.path)/ts20.xml: invalid XML at line 3"),
                    "\(result.errorLines)")
            let entries = try jsonArray(try JSONSerialization.jsonObject(with: result.standardOutput))
            #expect(entries.map { $0["File"] as? String } == (0..<count).map { directory.path + String(format: "/ts%02d.xml", $0) })
            #expect(entries.filter { $0["PackageID"] is NSNull }.map { $0["File"] as? String } == [directory.path + "/ts20.xml"])
            // A bare <sequence> carries no name: each package is named after its file.
            #expect(entries.first?["Name"] as? String == "ts00")
            #expect(try jsonArray(try cli.json("package", "list")).count == count - 1)
        }
    }

    @Test func aUserWithoutCreateIsRefusedForEachFile() throws {
        try SystemPrincipals.user(Self.user)
        try withDaemon { cli in
            let directory = try TemporaryDirectory()
            chmod(directory.path, 0o755)
            try writeTextFile(directory.path + "/mine.xml", Self.sequence)
            chmod(directory.path + "/mine.xml", 0o644)
            try cli.fail(asUser: Self.user, ["import", directory.path + "/mine.xml"], mentions: ["mine.xml", "Create"])
            #expect(try jsonArray(try cli.json("package", "list")).isEmpty)
        }
    }
}
