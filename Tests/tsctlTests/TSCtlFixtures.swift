import Foundation
import TestSupport

/// Fixture files and the built `tsctl`, for end-to-end tests.
enum TSCtlFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let realWorld = root.appendingPathComponent("realworld")
    static let derived = realWorld.appendingPathComponent("derived")
    static let malformed = root.appendingPathComponent("malformed")
    static let containers = root.appendingPathComponent("containers")

    static let realWorldNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: realWorld.path)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".xml") }.sorted()
    }()

    static let malformedNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: malformed.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted()
    }()

    static func path(_ name: String, in directory: URL = realWorld) -> String {
        directory.appendingPathComponent(name).path
    }

    /// The XML a file's sequence was written in (for an object.xml, the text the corpus
    /// extracted from its Sequence property).
    static func originalSequence(_ name: String) throws -> Data {
        if name.hasSuffix("object.xml") {
            return try Data(contentsOf: derived.appendingPathComponent(name + ".sequence.xml"))
        }
        return try Data(contentsOf: realWorld.appendingPathComponent(name))
    }

    /// Runs the built `tsctl`.
    static func tsctl(_ arguments: String..., standardInput: Data? = nil) throws -> CommandResult {
        try tsctl(arguments, standardInput: standardInput)
    }

    static func tsctl(_ arguments: [String], standardInput: Data? = nil) throws -> CommandResult {
        try CommandRunner.run(CommandRunner.builtProduct(named: "tsctl"), arguments, standardInput: standardInput)
    }

    /// One row of the NOTICE table (the corpus MANIFEST): the counts it records for a file.
    struct ManifestRow {
        var kind: String
        var steps: Int
        var groups: Int
        var maximumDepth: Int
        /// Condition expressions: the sum of the counts in the conditions column (`Variable(21)`).
        var expressions: Int
    }

    /// The NOTICE table, by file name.
    static let manifest: [String: ManifestRow] = {
        guard let notice = try? String(contentsOf: realWorld.appendingPathComponent("NOTICE"), encoding: .utf8) else { return [:] }
        var rows: [String: ManifestRow] = [:]
        for line in notice.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            // | # | file | repo | path | commit | bytes | kind | steps | groups | max depth | conditions | …
            guard cells.count > 11, Int(cells[1]) != nil, let steps = Int(cells[8]), let groups = Int(cells[9]) else { continue }
            let name = cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let expressionPart = cells[11].split(separator: ";").first.map(String.init) ?? ""
            var expressions = 0
            var rest = Substring(expressionPart)
            while let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
                expressions += Int(rest[rest.index(after: open)..<close]) ?? 0
                rest = rest[rest.index(after: close)...]
            }
            rows[name] = ManifestRow(kind: cells[7], steps: steps, groups: groups, maximumDepth: Int(cells[10]) ?? -1, expressions: expressions)
        }
        return rows
    }()
}
