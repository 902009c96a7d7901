import Foundation
import TaskSequenceModel
import TaskSequenceXML
import Testing
import TestSupport

/// `tsctl package enable|disable`, `package show` with every property, and `export --format
/// object|zip` with several PackageIDs (issue 12).
@Suite struct WholePackageCommandTests {
    /// A JSON value as text with sorted keys, for comparing decoded values.
    static func canonical(_ value: Any?) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["value": value ?? NSNull()], options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func enableDisableShowAndExportTheWholePackage() throws {
        try withDaemon { cli in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-cli-whole-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let input = directory.appendingPathComponent("enriched-object.xml")
            try WholePackageFixture.objectXML().write(to: input)
            let id = String(try cli.succeed("import", input.path).prefix { !$0.isWhitespace })
            let second = try cli.succeed("package", "create", "Second")

            let shown = try jsonObject(try cli.json("package", "show", id))
            #expect(shown["Icon"] as? String == Data(WholePackageFixture.pngIcon).base64EncodedString())
            #expect(shown["TsEnabled"] as? Bool == true)
            #expect(int(shown["Priority"]) == Int64(WholePackageFixture.priority))
            #expect(shown["SecuredScopeNames"] as? [String] == ["Default"])
            let platforms = try #require(shown["SupportedOperatingSystems"] as? [[String: Any]])
            #expect(platforms.first?["Platform"] as? String == WholePackageFixture.platform.3)
            #expect(int(shown["ShareType"]) == 1, "other properties are keys of their own")

            try cli.succeed("package", "disable", id, second)
            #expect(try jsonObject(try cli.json("package", "show", second))["TsEnabled"] as? Bool == false)
            #expect(try cli.succeed("package", "show", id).contains("TsEnabled"))
            try cli.succeed("package", "enable", second)
            let enabled = try jsonObject(try cli.json("package", "show", second))
            #expect(enabled["TsEnabled"] as? Bool == true && (int(enabled["ProgramFlags"]) ?? 0) & 0x1000 == 0)
            try cli.fail(["package", "disable", "PS1FFFFF"], status: 1, mentions: ["PS1FFFFF"])

            // One object.xml, one zip with both, one file per package in a directory.
            let object = directory.appendingPathComponent("object.xml")
            try cli.succeed("export", id, "--format", "object", "-o", object.path)
            let reread = try TaskSequenceReader().document(from: Data(contentsOf: object))
            #expect(reread.format == .objectXML && reread.package.icon == WholePackageFixture.pngIcon)
            let zip = directory.appendingPathComponent("both.zip")
            try cli.succeed("export", id, second, "--format", "zip", "-o", zip.path)
            #expect(try TaskSequenceReader().documents(from: Data(contentsOf: zip)).map(\.package.packageID) == [id, second])
            let each = directory.appendingPathComponent("each")
            try FileManager.default.createDirectory(at: each, withIntermediateDirectories: true)
            try cli.succeed("export", id, second, "--format", "zip", "-o", each.path)
            #expect(try FileManager.default.contentsOfDirectory(atPath: each.path).sorted() == ["\(id).zip", "\(second).zip"])
            try cli.fail(["export", id, "--format", "zip"], status: 2, mentions: ["-o"])

            // What was exported imports back.
            let again = String(try cli.succeed("import", zip.path, "--package-id", id).prefix { !$0.isWhitespace })
            let back = try jsonObject(try cli.json("package", "show", again))
            for key in ["Icon", "Priority", "PkgFlags", "SupportedOperatingSystems", "SedoObjectVersion", "CustomProgressMsg", "References"] {
                #expect(try Self.canonical(back[key]) == Self.canonical(shown[key]), "\(key)")
            }
        }
    }
}
