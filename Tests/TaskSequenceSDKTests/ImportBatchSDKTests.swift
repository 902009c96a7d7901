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
}
