import TestSupport
import Foundation
import Testing
import TaskSequenceModel
import TaskSequenceXML

/// Lint over the 94 real files of the corpus: the counts per code are pinned, so a rule that
/// starts drowning real files in noise (or stops finding what it found) fails here. The table in
/// docs/lint.md gives the same figures.
@Suite struct LintCorpusTests {
    /// Every finding of every corpus file, linted offline as `tsctl lint FILE` does.
    static func corpusFindings() throws -> [(file: String, findings: [LintFinding])] {
        let reader = TaskSequenceReader()
        return try Fixtures.realWorldNames.map { name in
            let document = try reader.document(from: Fixtures.data(name))
            let xml = try TaskSequenceWriter().sequenceXML(document.sequence)
            let options = LintOptions(storedSequenceBytes: xml.utf8.count, policyBytes: PolicySize.estimatedPolicyBytes(forSequenceXML: xml))
            return (name, document.sequence.lint(options: options))
        }
    }

    @Test func countsPerCodeOnTheCorpus() throws {
        let all = try Self.corpusFindings()
        #expect(all.count == 94)
        var counts: [LintCode: Int] = [:]
        var files: [LintCode: Set<String>] = [:]
        for (file, findings) in all {
            for finding in findings {
                counts[finding.code, default: 0] += 1
                files[finding.code, default: []].insert(file)
            }
        }
        for code in LintCode.allCases {
            print("lint corpus: \(code) \(code.severity): \(counts[code] ?? 0) findings in \(files[code]?.count ?? 0) files")
        }
        // Pinned (docs/lint.md, "On the corpus"): a change here is a change of a rule's noise.
        let pinned: [LintCode: Int] = [
            .clearTextSecretInCommand: 5, .conditionVariableUnset: 12, .disabledStep: 133, .emptyGroup: 38,
            .duplicateSiblingName: 37, .importWarning: 6,
        ]
        for code in LintCode.allCases {
            #expect((counts[code] ?? 0) == (pinned[code] ?? 0), "\(code)")
        }
        // No corpus file is refused, and the only errors are the five real clear-text passwords.
        #expect(all.filter { $0.findings.containsErrors }.count == 2)
        if ProcessInfo.processInfo.environment["LINT_DUMP"] != nil {
            for (file, findings) in all { for finding in findings { print("LINT \(file.prefix(60)) \(finding)") } }
        }
    }
}
