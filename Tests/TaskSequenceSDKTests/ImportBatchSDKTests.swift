import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// `ProviderClient.importPackages(_:)`: results in order, a bad file failing alone with the error
/// `Import` gives, and a file too large for a batch message imported alone in its place.
@Suite struct ImportBatchSDKTests {
    @Test func eachFileHasItsResultInOrder() throws {
        try withProvider { client, _ in
            // Over the 4 MiB a batch message carries per file: sent alone by descriptor.
            let padding = String(repeating: "x", count: 5 << 20)
            let large = ImportWarningsSDKTests.warned.replacingOccurrences(of: "<sequence version=\"3.10\">", with: "<sequence version=\"3.10\"><!-- \(padding) -->")
            let results = try client.importPackages([
                ImportBatchFile(label: "warned.xml", text: ImportWarningsSDKTests.warned, name: "Warned"),
                ImportBatchFile(label: "broken.xml", text: "<sequence version=\"3.10\">\n<group name=\"a\">\n</sequence>\n"),
                ImportBatchFile(label: "large.xml", text: large, name: "Large"),
            ])
            #expect(results.map(\.label) == ["warned.xml", "broken.xml", "large.xml"])
            #expect(results[0].warnings == [ImportWarningsSDKTests.warning] && results[0].error == nil)
            #expect(results[1].packageID == nil)
            guard case .invalidXML(let line, _, _)? = results[1].error else {
                Issue.record("broken.xml: expected invalidXML, got \(String(describing: results[1].error))")
                return
            }
            #expect(line == 3)
            #expect(results[2].error == nil && results[2].warnings == [ImportWarningsSDKTests.warning])
            let names = try client.packages().map(\.name).sorted()
            #expect(names == ["Large", "Warned"])
            #expect(try client.importPackages([]).isEmpty)
        }
    }

    /// `importPackages(atPaths:)`: the provider reads each open file itself, in calls of at most
    /// 16 files (the system bus's descriptors a message); a file that does not open, a broken one
    /// and a zip export each have their result in place.
    @Test func filesOnDiskAreImportedByDescriptorInOrder() throws {
        try withProvider { client, _ in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-sdk-batch-fd-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            var files: [ImportBatchPath] = []
            for number in 0..<18 {
                let path = directory.appendingPathComponent("ts\(number).xml").path
                try Data(ImportWarningsSDKTests.warned.utf8).write(to: URL(fileURLWithPath: path))
                files.append(ImportBatchPath(path: path, name: "From disk \(number)"))
            }
            let broken = directory.appendingPathComponent("broken.xml").path
            try Data("<sequence version=\"3.10\">\n<group name=\"a\">\n</sequence>\n".utf8).write(to: URL(fileURLWithPath: broken))
            files.insert(ImportBatchPath(path: broken, label: "broken"), at: 3)
            files.insert(ImportBatchPath(path: directory.appendingPathComponent("missing.xml").path, label: "missing"), at: 10)
            files.append(ImportBatchPath(path: Fixtures.containers.appendingPathComponent("export-single.zip").path, label: "zip"))
            let results = try client.importPackages(atPaths: files)
            #expect(results.map(\.label) == files.map(\.label))
            #expect(results.filter { $0.packageID != nil }.count == 19)
            guard case .invalidXML(let line, _, _)? = results[3].error else {
                Issue.record("broken: expected invalidXML, got \(String(describing: results[3].error))")
                return
            }
            #expect(line == 3)
            guard case .file(let path, _)? = results[10].error else {
                Issue.record("missing: expected a file error, got \(String(describing: results[10].error))")
                return
            }
            #expect(path.hasSuffix("missing.xml"))
            #expect(results[0].warnings == [ImportWarningsSDKTests.warning])
            let names = Set(try client.packages().map(\.name))
            #expect(names.isSuperset(of: (0..<18).map { "From disk \($0)" }))
            #expect(try client.importPackages(atPaths: []).isEmpty)
        }
    }
}
