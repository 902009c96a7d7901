import TestSupport
import Testing
import TaskSequenceModel
import TaskSequenceXML

/// The second round's shortcuts give what the plain computations give, on every value and step
/// of the corpus: `%` found eight bytes at a time, character limits settled by the UTF-8
/// length, and references collected by property position instead of by lowercased name.
extension ImportFastPathTests {
    /// Every variable value, attribute value and action text of the corpus.
    static func corpusTexts(of sequence: TaskSequence) -> [String] {
        var texts: [String] = []
        sequence.forEachStep { _, step in
            texts.append(contentsOf: step.attributes.map(\.value))
            if let command = step.actionCommandLine { texts.append(command) }
            for variable in step.variables?.variables ?? [] { texts.append(variable.value) }
        }
        return texts
    }

    @Test(arguments: Fixtures.realWorldNames)
    func textShortcutsAnswerAsTheCharacterComputations(name: String) throws {
        let sequence = try unchecked.document(from: Fixtures.data(name)).sequence
        let texts = Self.corpusTexts(of: sequence)
        #expect(!texts.isEmpty)
        for text in texts {
            #expect(text.containsPercentSign == text.contains("%"), "\(name): \(text.prefix(80))")
            let count = text.count
            for limit in [0, 1, 100, 255, 4000, count - 1, count, count + 1] {
                #expect(text.hasMoreCharacters(than: limit) == (count > limit), "\(name): \(limit)")
            }
            for bounds in [0...255, 1...100, 1...max(count, 1), 0...max(count - 1, 0), (count + 1)...(count + 2)] {
                #expect(text.characterCount(isWithin: bounds) == bounds.contains(count), "\(name): \(bounds)")
            }
        }
    }

    /// `%` at every offset of texts around the eight-byte word, and the character limits of
    /// text whose characters are several bytes or several scalars.
    @Test func textShortcutsAtWordEdgesAndWideCharacters() {
        for length in 0...24 {
            let plain = String(repeating: "a", count: length)
            #expect(!plain.containsPercentSign)
            for offset in 0..<max(length, 1) where length > 0 {
                var bytes = Array(plain.utf8)
                bytes[offset] = UInt8(ascii: "%")
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(text.containsPercentSign, "\(length) \(offset)")
            }
        }
        // 0x25 inside other bytes of a multi-byte character, and `%` followed by a combining mark
        // (one character that is not `%`).
        for text in ["\u{2525}\u{0425}", "é%", "%\u{301}", "ab%\u{301}cdefgh", "\u{1F600}%"] {
            #expect(text.containsPercentSign == text.contains("%"), "\(text)")
        }
        for text in ["é", "e\u{301}", "\u{1F600}\u{1F600}", "\u{1F1EB}\u{1F1F7}", "a\u{301}\u{302}b", ""] {
            for limit in 0...8 {
                #expect(text.hasMoreCharacters(than: limit) == (text.count > limit), "\(text) \(limit)")
                #expect(text.characterCount(isWithin: 1...limit + 1) == (1...limit + 1).contains(text.count), "\(text) \(limit)")
                #expect(text.characterCount(isWithin: 0...limit) == (0...limit).contains(text.count), "\(text) \(limit)")
            }
        }
    }

    /// References by position are those the name-based collection (the public
    /// `ActionCatalog.resolve`, lowercased property names) finds, step by step and for the
    /// whole sequence.
    @Test(arguments: Fixtures.realWorldNames)
    func referencesByPositionAreThoseByName(name: String) throws {
        let sequence = try unchecked.document(from: Fixtures.data(name)).sequence
        var byName = NameKeyedReferences()
        sequence.forEachStep { _, step in
            guard step.kind != .group else { return }
            var alone = NameKeyedReferences()
            alone.collect(from: step, catalog: .builtIn)
            #expect(step.ownDerivedFacts().references == alone.references, "\(name) \(step.name)")
            byName.collect(from: step, catalog: .builtIn)
        }
        if sequence.referenceList == nil {
            #expect(sequence.references() == byName.references, "\(name)")
        }
    }
}

/// References collected as before positions: values keyed by lowercased property name, each
/// variable resolved through the public catalog lookup.
private struct NameKeyedReferences {
    private(set) var references: [PackageReference] = []
    private var seen: Set<[String]> = []

    mutating func collect(from step: Step, catalog: ActionCatalog) {
        let className = step.kind == .step && step.type == nil ? "SMS_TaskSequence_RunCommandLineAction" : step.className
        guard let definition = catalog[className], definition.kind == .action,
              catalog.properties(of: className).contains(where: { $0.reference != nil }),
              let variables = step.variables?.variables else { return }
        var values: [String: String] = [:]
        var order: [(PropertyDefinition, String)] = []
        for variable in variables {
            guard let resolved = catalog.resolve(variable, inClass: className), resolved.element == nil, resolved.member == nil else { continue }
            let key = resolved.property.name.lowercased()
            guard values[key] == nil else { continue }
            values[key] = variable.value
            if resolved.property.reference != nil { order.append((resolved.property, variable.value)) }
        }
        var packagesWithProgram: Set<String> = []
        for (property, _) in order {
            if case .program(let packageProperty) = property.reference,
               let package = values[packageProperty.lowercased()], Self.isLiteral(package) {
                packagesWithProgram.insert(packageProperty.lowercased())
            }
        }
        for (property, value) in order {
            switch property.reference {
            case .package?, .image?:
                if !packagesWithProgram.contains(property.name.lowercased()), Self.isLiteral(value) {
                    add(PackageReference(package: value, program: PackageReference.anyProgram))
                }
            case .packageList?:
                for package in Self.list(value) { add(PackageReference(package: package, program: PackageReference.anyProgram)) }
            case .applicationList?:
                for application in Self.list(value) { add(PackageReference(package: "", application: application)) }
            case .taskSequence?:
                if Self.isLiteral(value) { add(PackageReference(package: value, program: PackageReference.anyProgram)) }
            case .program(let packageProperty)?:
                if let package = values[packageProperty.lowercased()], Self.isLiteral(package) {
                    add(PackageReference(package: package, program: Self.isLiteral(value) ? value : ""))
                }
            case nil:
                break
            }
        }
    }

    private mutating func add(_ reference: PackageReference) {
        let reference = PackageReference(
            package: Self.trimmed(reference.package), program: Self.trimmed(reference.program), application: Self.trimmed(reference.application))
        guard !(reference.package.isEmpty && reference.application.isEmpty) else { return }
        let key = [reference.package.uppercased(), reference.program.lowercased(), reference.application.lowercased()]
        if seen.insert(key).inserted { references.append(reference) }
    }

    private static func trimmed(_ text: some StringProtocol) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = text.firstIndex(where: { !isSpace($0) }), let end = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[start...end])
    }

    private static func isLiteral(_ value: String) -> Bool {
        !value.contains("%") && !trimmed(value).isEmpty
    }

    private static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { trimmed($0) }.filter(isLiteral)
    }
}
