import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real task sequences the import benchmarks send (Tests/Fixtures/realworld, or
/// TSPROVIDER_XML_CORPUS), and `xmllint --noout` on the same files, their floor.
struct ImportCorpus {
    var paths: [String]
    var texts: [String]
    var bytes: Int { texts.reduce(0) { $0 + $1.utf8.count } }

    /// Every `.xml` file of the corpus directory, in name order. Checks that xmllint is there
    /// too, so a benchmark fails before it has measured anything.
    static func load() throws -> ImportCorpus {
        guard access(xmllint, X_OK) == 0 else { throw ProviderBenchError("xmllint is not installed (apt-get install libxml2-utils)") }
        let directory = ProcessInfo.processInfo.environment["TSPROVIDER_XML_CORPUS"]
            ?? FileManager.default.currentDirectoryPath + "/Tests/Fixtures/realworld"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.lowercased().hasSuffix(".xml") }.sorted()
        guard !names.isEmpty else {
            throw ProviderBenchError("no corpus in \(directory); run from the repository root or set TSPROVIDER_XML_CORPUS")
        }
        let paths = names.map { directory + "/" + $0 }
        return ImportCorpus(paths: paths, texts: try paths.map { try String(contentsOfFile: $0, encoding: .utf8) })
    }

    static let xmllint = "/usr/bin/xmllint"

    /// libxml2 parsing every file, in one xmllint run: the floor of an import.
    func parseWithXmllint() throws {
        try runQuietly(Self.xmllint, ["--noout"] + paths)
    }
}
