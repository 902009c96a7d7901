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

    /// A real upgrade sequence with a clear-text password planted in a new step and a typo
    /// planted in a condition: lint finds both, names the steps, and exits-1 severity for the
    /// password.
    @Test func findsAPlantedPasswordAndAPlantedTypo() throws {
        let name = "DeploymentResearch__DRFiles__Misc__Windows10UpgradeTS.zip__SMS_TaskSequencePackage__PS10000E__object.xml"
        var sequence = try TaskSequenceReader().document(from: Fixtures.data(name)).sequence
        #expect(!sequence.lint().contains { $0.code == .clearTextSecretInCommand || $0.code == .conditionVariableTypo })

        var typoStep: String?
        sequence.updateEachStep { _, step in
            guard typoStep == nil, var condition = step.condition,
                  case .expression(var expression)? = condition.operands.first(where: {
                      if case .expression(let e) = $0 { e["Variable"] == "_SMSTSOSUpgradeActionReturnCode" } else { false }
                  }),
                  let index = condition.operands.firstIndex(of: .expression(expression)) else { return }
            expression["Variable"] = "_SMSTSOSUpgradeActonReturnCode"
            condition.operands[index] = .expression(expression)
            step.condition = condition
            typoStep = step.name
        }
        #expect(typoStep != nil)
        sequence.insertStep(.action(className: "SMS_TaskSequence_RunCommandLineAction", name: "Map share",
                                    variables: [Variable(name: "CommandLine", property: "CommandLine", value: "net use S: \\\\fs01\\osd Winter2026! /user:CORP\\osdsvc")]), at: 0)

        let findings = sequence.lint()
        let password = findings.filter { $0.code == .clearTextSecretInCommand }
        #expect(password.map(\.description) == [
            "error TS201 clear-text-secret-in-command step[1] \"Map share\": CommandLine passes a password in clear text after net use … /user:; put it in a hidden variable and pass %Variable%, or use the step's Run as account",
        ])
        let typo = findings.filter { $0.code == .conditionVariableTypo }
        #expect(typo.map(\.step?.name) == [typoStep])
        #expect(typo.map(\.message) == ["the condition tests _SMSTSOSUpgradeActonReturnCode, which nothing sets; did you mean _SMSTSOSUpgradeActionReturnCode?"])
        #expect(findings.containsErrors)
    }
}
