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

/// Flattened array members (`OSDPartitions0Type`) found on the key's bytes resolve as the
/// lowercased walk does: every array of every class, by property and by variable name, in
/// several spellings, indexes and members, and keys only that walk can settle (non-ASCII).
extension ImportFastPathTests {
    @Test func flattenedArrayMembersResolveAsTheLowercasedWalk() {
        let catalog = ActionCatalog.builtIn
        var checked = 0
        for definition in catalog.classes {
            let properties = catalog.properties(of: definition.name)
            for property in properties where property.type.isArray {
                let members = property.type.objectClassName.map { catalog.properties(of: $0).map(\.name) + ["Bogus"] } ?? ["", "Bogus"]
                for (base, byVariableName) in [(property.name, false), (property.variableName, true)] {
                    guard let base else { continue }
                    for index in ["0", "7", "12", "007", "99999999999999999999", ""] {
                        for member in members {
                            for key in [base + index + member, (base + index + member).uppercased(), base.lowercased() + index + member + "\u{E9}"] {
                                let resolved = byVariableName
                                    ? catalog.resolve(Variable(name: key, property: "\u{1}", value: ""), inClass: definition.name)
                                    : catalog.resolve(property: key, inClass: definition.name)
                                let expected = Self.expectedFlattened(key, in: properties, byVariableName: byVariableName, catalog: catalog)
                                #expect(resolved?.property == expected?.property, "\(definition.name) \(key)")
                                #expect(resolved?.element == expected?.element, "\(definition.name) \(key)")
                                #expect(resolved?.member == expected?.member, "\(definition.name) \(key)")
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(checked > 100)
    }

    /// What the key resolves to by its lowercased name: a property of that name, else the first
    /// array whose lowercased name starts it, followed by digits and a member (or nothing).
    private static func expectedFlattened(
        _ key: String, in properties: [PropertyDefinition], byVariableName: Bool, catalog: ActionCatalog
    ) -> (property: PropertyDefinition, element: Int?, member: PropertyDefinition?)? {
        let lowered = key.lowercased()
        if let property = properties.first(where: { (byVariableName ? $0.variableName : $0.name)?.lowercased() == lowered }) {
            return (property, nil, nil)
        }
        for property in properties where property.type.isArray {
            guard let base = (byVariableName ? property.variableName : property.name)?.lowercased(), lowered.hasPrefix(base) else { continue }
            let rest = lowered.dropFirst(base.count)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let element = Int(digits) else { continue }
            let memberName = String(rest.dropFirst(digits.count))
            if let embedded = property.type.objectClassName {
                guard let member = catalog.property(memberName, of: embedded) else { continue }
                return (property, element, member)
            } else if memberName.isEmpty {
                return (property, element, nil)
            }
        }
        return nil
    }
}
