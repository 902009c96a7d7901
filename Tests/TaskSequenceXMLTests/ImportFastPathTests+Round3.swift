import TestSupport
import Testing
import TaskSequenceModel
import TaskSequenceXML

/// The third round's shortcuts give what the plain computations give, on every file of the
/// corpus: derived facts in one walk, and variable names checked on their bytes.
extension ImportFastPathTests {
    /// `derivedFacts` walks the steps once for References, Type and the counts; each is what
    /// its own computation over the sequence finds, with and without a boot image.
    @Test(arguments: Fixtures.realWorldNames)
    func derivedFactsInOneWalkAreTheSeparateComputations(name: String) throws {
        let sequence = try unchecked.document(from: Fixtures.data(name)).sequence
        let facts = sequence.derivedFacts()
        #expect(facts.references == sequence.references(), "\(name)")
        #expect(facts.type == sequence.taskSequenceType(), "\(name)")
        #expect(facts.counts == sequence.counts, "\(name)")
        let known = Set(facts.references.map(\.package).prefix(1))
        let withBootImage = sequence.derivedFacts(bootImageID: " PS1000B1 ", knownPackages: known)
        #expect(withBootImage.references.first == PackageReference(package: "PS1000B1", program: PackageReference.anyProgram), "\(name)")
        // No file of the corpus references that package itself.
        #expect(Array(withBootImage.references.dropFirst()) == facts.references, "\(name)")
        #expect(withBootImage.taskSequenceFlags == (withBootImage.references.dangling(known: known).isEmpty ? 0 : PackageProperties.danglingReferenceFlag))
    }

    /// Every variable name and value of the corpus, and names at the edges of the byte path
    /// (spaces and tabs around, CR LF, non-ASCII letters, the length limit), get the
    /// violations the character walk finds.
    @Test(arguments: Fixtures.realWorldNames)
    func variableNamesOnBytesBreakTheRulesTheCharacterWalkFinds(name: String) throws {
        let sequence = try unchecked.document(from: Fixtures.data(name)).sequence
        var names = Self.corpusTexts(of: sequence)
        sequence.forEachStep { _, step in
            for variable in step.variables?.variables ?? [] { names.append(variable.name) }
        }
        #expect(!names.isEmpty)
        for text in names {
            for forWriting in [true, false] {
                #expect(VariableNameRules.violations(in: text, forWriting: forWriting) == CharacterWalk.violations(in: text, forWriting: forWriting),
                        "\(name): \(text.prefix(80))")
            }
        }
    }

    @Test func variableNamesAtTheEdgesOfTheBytePath() {
        let long = String(repeating: "a", count: VariableNameRules.maximumLength)
        let names = ["", " ", "\t \t", "OSDComputerName", " OSDComputerName\t", "_SMSTSInWinPE", "2PintTurboLicense", "-x", "a-b_c9",
                     "a b", "a\r\nb", "\r\n", "café", "é", "\u{212A}elvin", long, long + "a", " " + long + "a ", "_" + long, "9" + long, "a%b", "%a%"]
        for text in names {
            for forWriting in [true, false] {
                #expect(VariableNameRules.violations(in: text, forWriting: forWriting) == CharacterWalk.violations(in: text, forWriting: forWriting),
                        "\(text.debugDescription)")
            }
        }
    }
}

/// The variable-name rules as the character walk applied them before the byte path.
private enum CharacterWalk {
    static func violations(in name: String, forWriting: Bool) -> [VariableNameRules.Violation] {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = name.firstIndex(where: { !isSpace($0) }), let end = name.lastIndex(where: { !isSpace($0) }) else { return [.empty] }
        let trimmed = name[start...end]
        guard let first = trimmed.first else { return [.empty] }
        var result: [VariableNameRules.Violation] = []
        if trimmed.count > VariableNameRules.maximumLength { result.append(.tooLong(length: trimmed.count)) }
        let isAllowed: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        if let invalid = trimmed.first(where: { !isAllowed($0) }) { result.append(.invalidCharacter(invalid)) }
        if first == "_" {
            if forWriting { result.append(.readOnly) }
        } else if !(first.isASCII && first.isLetter) {
            result.append(.doesNotStartWithLetter)
        }
        return result
    }
}
