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

    /// The check sees what it is for: a statement over a store table planted in ProviderCore, and
    /// an SQL-only clause in the SDK, are listed; WQL over the same words is not.
    @Test func aStatementPlantedOutsideTheStoreIsListed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sql-boundary-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func plant(_ module: String, _ text: String) throws {
            let folder = root.appendingPathComponent("Sources/\(module)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: folder.appendingPathComponent("Planted.swift"), atomically: true, encoding: .utf8)
        }
        try plant("ProviderCore", #"let sql = "SELECT name FROM package p WHERE p.packageID = ?""# + "\n")
        try plant("TaskSequenceSDK", #"let order = "ORDER BY name COLLATE NOCASE""# + "\n" + #"let wql = "SELECT * FROM SMS_TaskSequencePackage""# + "\n")
        let result = try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), [Self.script.path, root.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.outputLines.count == 2, "\(result.output)")
        #expect(result.outputLines.contains { $0.hasPrefix("Sources/ProviderCore/Planted.swift:1:") })
        #expect(result.outputLines.contains { $0.hasPrefix("Sources/TaskSequenceSDK/Planted.swift:1:") })
    }
}
