import DBusKit
import Foundation
import Testing
@testable import ProviderDBus

/// The files in `interfaces/` and `policy/` are derived from the code: these tests keep them equal.
/// Run with `TSPROVIDER_UPDATE_INTERFACES=1` to write the interface files again after changing a declaration.
@Suite struct InterfaceFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let interfacesDirectory = repository.appendingPathComponent("interfaces").path

    @Test func everyInterfaceHasItsFileAndTheFilesMatchTheDeclarations() throws {
        if ProcessInfo.processInfo.environment["TSPROVIDER_UPDATE_INTERFACES"] == "1" {
            try InterfaceFiles.write(Interfaces.all, to: Self.interfacesDirectory)
        }
        let mismatches = InterfaceFiles.check(Interfaces.all, in: Self.interfacesDirectory)
        #expect(mismatches.isEmpty, "\(mismatches)")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.interfacesDirectory).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files == Interfaces.all.map(InterfaceFiles.fileName).sorted(), "interfaces/ holds files for interfaces nobody serves")
    }

    @Test func theInstalledBusPolicyIsTheOneTheDaemonUses() throws {
        let file = try String(contentsOfFile: Self.repository.appendingPathComponent("policy/org.tsprovider.Provider1.conf").path, encoding: .utf8)
        #expect(file == BusPolicy.file)
    }
}
