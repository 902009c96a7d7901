import Foundation
import TestSupport
import Testing

/// ProviderStore owns every line of SQL (docs/store-seam.md): no module of the product outside
/// it names a table or writes a clause only SQL has. `scripts/sql-outside-store.sh` lists what
/// breaks the rule; it must list nothing.
@Suite struct StoreBoundaryTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/sql-outside-store.sh")

    @Test func noModuleOutsideTheStoreWritesSQL() throws {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), [Self.script.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.outputLines.isEmpty, "SQL outside ProviderStore:\n\(result.output)")
    }
}
