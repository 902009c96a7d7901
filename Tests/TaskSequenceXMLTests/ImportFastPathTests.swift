import TestSupport
import Foundation
import Testing
import TaskSequenceModel
import TaskSequenceXML

/// The shortcuts an import takes — one validation while reading, per-step derived facts read
/// from the step, case-insensitive comparison on bytes — give what the slow paths give, on
/// every file of the corpus.
@Suite struct ImportFastPathTests {
    let reader = TaskSequenceReader.importing()
    let unchecked = TaskSequenceReader()

    /// A file read as text is validated once, as it is read: the warnings are those of
    /// validating the finished sequence, and the model is the one the bytes give.
    @Test(arguments: Fixtures.realWorldNames)
    func readingTextValidatesAsTheWholeSequence(name: String) throws {
        let data = try Fixtures.data(name)
        let text = String(decoding: data, as: UTF8.self)
        let document = try reader.document(fromFileText: text)
        let whole = try unchecked.document(from: data).sequence.importValidation(catalog: .builtIn)
        #expect(!whole.refuses)
        #expect(document.warnings == whole.warnings, "\(name)")
        #expect(document.omittedWarnings == whole.omittedWarnings, "\(name)")
        let fromBytes = try reader.document(from: data)
        #expect(document.sequence == fromBytes.sequence, "\(name)")
        #expect(document.warnings == fromBytes.warnings, "\(name)")
    }

    /// A step's own derived facts are what a sequence holding only that step (without the
    /// steps inside it) derives.
    @Test(arguments: Fixtures.realWorldNames)
    func ownDerivedFactsAreThoseOfTheStepAlone(name: String) throws {
        let sequence = try unchecked.document(from: Fixtures.data(name)).sequence
        var steps = 0
        sequence.forEachStep { _, step in
            var shallow = step
            shallow.steps = []
            let alone = TaskSequence(schemaVersion: "3.10", steps: [shallow])
            let facts = step.ownDerivedFacts()
            #expect(facts.references == alone.references(), "\(name) \(step.name)")
            #expect(facts.deploysOperatingSystem == alone.deploysOperatingSystem(), "\(name) \(step.name)")
            steps += 1
        }
        #expect(steps > 0)
    }

    @Test func theCorpusHasStepsWithReferencesAndOSDeployments() throws {
        var references = 0, deployments = 0
        for name in Fixtures.realWorldNames {
            try unchecked.document(from: Fixtures.data(name)).sequence.forEachStep { _, step in
                let facts = step.ownDerivedFacts()
                references += facts.references.count
                if facts.deploysOperatingSystem { deployments += 1 }
            }
        }
        #expect(references > 50)
        #expect(deployments > 20)
    }

    /// A bare sequence checked while it streams keeps the limits of the whole: its own warning
    /// (the schema version) counts against the 1,000 warnings an import keeps.
    @Test func streamedValidationKeepsTheLimitsOfTheWholeSequence() throws {
        let longDescription = String(repeating: "d", count: 300)
        let step = #"<step type="SMS_TaskSequence_RunCommandLineAction" name="Run" description="\#(longDescription)"><defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c exit 0</variable></defaultVarList></step>"#
        let xml = #"<sequence version="9.99">"# + String(repeating: step, count: ImportValidation.defaultWarningLimit + 2) + "</sequence>"
        let checked = try reader.checkedSequence(fromXML: xml)
        let whole = try unchecked.sequence(fromXML: xml).importValidation(catalog: .builtIn)
        #expect(checked.warnings == whole.warnings)
        #expect(checked.omittedWarnings == whole.omittedWarnings)
        #expect(checked.warnings.count == ImportValidation.defaultWarningLimit)
        #expect(checked.omittedWarnings == 3)
        #expect(checked.warnings.first?.rule == .schemaVersion)
        let fromText = try reader.document(fromFileText: xml)
        #expect(fromText.warnings == whole.warnings)
        #expect(fromText.omittedWarnings == whole.omittedWarnings)
    }

    /// The same for errors: a global variable's error counts against the 100 an import lists.
    @Test func streamedErrorsKeepTheLimitsOfTheWholeSequence() throws {
        let step = #"<step type="SMS_TaskSequence_RunCommandLineAction" name="" description=""><defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c exit 0</variable></defaultVarList></step>"#
        let globals = #"<globalVarList><variable name="" property="">x</variable></globalVarList>"#
        let xml = #"<sequence version="3.10">"# + globals + String(repeating: step, count: ImportValidation.defaultErrorLimit + 1) + "</sequence>"
        let whole = try unchecked.sequence(fromXML: xml).importValidation(catalog: .builtIn)
        #expect(whole.refuses)
        #expect(whole.omittedErrors > 0)
        #expect(throws: XMLCodecError.invalidSequence(whole)) { try reader.checkedSequence(fromXML: xml) }
        #expect(throws: XMLCodecError.invalidSequence(whole)) { try reader.document(fromFileText: xml) }
    }
}
