import Foundation
import Testing
import TestSupport

/// `tsctl export --canonical` (issue 17, item 6): one element per line, imports as the same
/// sequence; refused for formats it does not lay out.
@Suite struct CanonicalExportCommandTests {
    @Test func canonicalExportIsOneElementPerLineAndReimportsTheSame() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", CLIFixtures.mdt).prefix(8))
            let directory = try TemporaryDirectory()
            let file = directory.path + "/snapshot.xml"
            try cli.succeed("export", id, "--format", "sequence", "--canonical", "-o", file)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let lines = text.split(separator: "\n")
            #expect(lines.first == "<?xml version=\"1.0\" encoding=\"utf-8\"?>" || lines.first?.hasPrefix("<?xml") == true)
            #expect(lines.contains { $0.hasPrefix("  <group") || $0.hasPrefix("  <step") }, "children indented by two spaces")
            #expect(lines.count > 20)
            #expect(try cli.succeed("export", id, "--format", "sequence", "--canonical") == text.trimmingCharacters(in: .newlines))

            let again = String(try cli.succeed("import", file).prefix(8))
            #expect(try cli.succeed("export", again, "--format", "sequence") == (try cli.succeed("export", id, "--format", "sequence")))

            let refused = try cli.fail(["export", id, "--format", "object", "--canonical"], status: 2)
            #expect(refused.contains("--canonical lays out the package and sequence formats, not object."))
        }
    }
}
