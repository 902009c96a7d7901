import Foundation
import Testing
import TestSupport

/// `tsctl package used-by ID`: which task sequences use a package, as far as the caller may read.
@Suite struct PackageUsedByTests {
    static let reader = "tsp-alice"

    /// A sequence whose one Run Command Line step runs from package `packageID`.
    static func sequence(using packageID: String) -> String {
        """
        <sequence version="3.10">
          <step type="SMS_TaskSequence_RunCommandLineAction" name="Run tool" runIn="FullOS">
            <action>smsswd.exe /run:\(packageID) tool.exe</action>
            <defaultVarList>
              <variable name="CommandLine" property="CommandLine" hidden="true">tool.exe</variable>
              <variable name="PackageID" property="PackageID" hidden="true">\(packageID)</variable>
            </defaultVarList>
          </step>
        </sequence>
        """
    }

    @Test func listsTheReadableSequencesUsingThePackage() throws {
        try SystemPrincipals.user(Self.reader)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-usedby-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func file(_ name: String, using packageID: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(Self.sequence(using: packageID).utf8).write(to: url)
            return url.path
        }
        try withDaemon { cli in
            let first = String(try cli.succeed("import", try file("a.xml", using: "ABC00001"), "--name", "First user").prefix(8))
            let second = String(try cli.succeed("import", try file("b.xml", using: "abc00001"), "--name", "Second user").prefix(8))
            let other = String(try cli.succeed("import", try file("c.xml", using: "ABC00002"), "--name", "Other").prefix(8))

            let users = try jsonArray(try cli.json("package", "used-by", "ABC00001"))
            #expect(users.compactMap { $0["PackageID"] as? String } == [first, second])
            #expect(users.compactMap { $0["Name"] as? String } == ["First user", "Second user"])
            let table = try cli.succeed("package", "used-by", "ABC00001").split(separator: "\n").map(String.init)
            #expect(table.count == 3 && table[0].hasPrefix("PACKAGEID") && table[1].hasPrefix(first) && table[1].hasSuffix("First user"))
            #expect(try jsonArray(try cli.json("package", "used-by", "ABC00002")).compactMap { $0["PackageID"] as? String } == [other])
            // Nothing uses it: no output, and [] as JSON.
            #expect(try cli.succeed("package", "used-by", "ABC0FFFF") == "")
            #expect(try jsonArray(try cli.json("package", "used-by", "ABC0FFFF")).isEmpty)
            // A quote in the ID stays data.
            #expect(try jsonArray(try cli.json("package", "used-by", "x' OR '1'='1")).isEmpty)

            // A user reading only the second sequence sees only it.
            try cli.succeed("perm", "grant", Self.reader, "Read", second)
            let seen = try jsonArray(try cli.json(asUser: Self.reader, "package", "used-by", "ABC00001"))
            #expect(seen.compactMap { $0["PackageID"] as? String } == [second])
            #expect(try jsonArray(try cli.json(asUser: Self.reader, "package", "used-by", "ABC00002")).isEmpty)
            try cli.fail(["package", "used-by"], status: 2)
        }
    }
}
