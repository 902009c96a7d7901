import DBusKit
import Foundation
import TaskSequenceModel
import TaskSequenceXML
import Testing
import TestSupport

/// A sequence of several MiB goes in by `ImportFd` — mapped to the model while libxml2 parses it —
/// and comes back as the same sequence; one broken near its end is refused with the error that
/// names where, and the store is left as it was.
@Suite(.sharedDaemon) struct LargeImportOverBusTests {
    /// Groups of command lines with a condition each, as many as make about `bytes` of XML.
    static func largeSequence(bytes: Int) throws -> (sequence: TaskSequence, groups: Int, stepsPerGroup: Int) {
        let stepsPerGroup = 20
        func group(_ number: Int) throws -> Step {
            let steps = try (1...stepsPerGroup).map { step in
                try ActionCatalog.builtIn.makeStep(
                    ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Run \(number).\(step)",
                    settings: ["CommandLine": "cmd /c echo group \(number) step \(step) & exit 0", "WorkingDirectory": "C:\\Windows\\Temp"])
            }
            var group = Step.group(name: "Group \(number)", description: "One of many, for a large import", steps: steps)
            let condition = Condition(operands: [.expression(ConditionExpression(
                className: ConditionClass.variable, properties: ["Operator": "notEquals", "Variable": "SKIP_\(number)", "Value": "TRUE"]))])
            group.children.insert(.condition(condition), at: 0)
            return group
        }
        let oneGroup = try TaskSequenceWriter().sequenceXML(TaskSequence(schemaVersion: "3.10", steps: [group(1)])).utf8.count
        let groups = max(1, bytes / oneGroup)
        return (TaskSequence(schemaVersion: "3.10", steps: try (1...groups).map(group)), groups, stepsPerGroup)
    }

    static func file(named name: String, holding text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-large-\(getpid())-\(name).xml")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func aSequenceOfSeveralMiBImportsByDescriptorAndReadsBackEqual() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let (sequence, groups, stepsPerGroup) = try Self.largeSequence(bytes: 5 << 20)
        let text = try TaskSequenceWriter(layout: .canonical).sequenceXML(sequence)
        #expect(text.utf8.count > 4 << 20)
        let url = try Self.file(named: "valid", holding: text)
        defer { try? FileManager.default.removeItem(at: url) }

        let package = try client.importFile(descriptorOf: url.path, options: ["Name": .string("Large import")])
        let stored = try TaskSequenceReader().sequence(fromXML: client.sequenceXML(package))
        #expect(stored.steps.count == groups)
        #expect(stored.allSteps.count == groups * (stepsPerGroup + 1))
        #expect(stored == sequence, "the sequence read back differs from the one imported")
    }

    @Test func aLargeSequenceFailingValidationAtItsLastStepIsRefusedNamingTheStep() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        var (sequence, groups, stepsPerGroup) = try Self.largeSequence(bytes: 5 << 20)
        var last = try #require(sequence.steps.last)
        var steps = last.steps
        steps[steps.count - 1].name = ""
        last.steps = steps
        sequence.steps[groups - 1] = last
        let url = try Self.file(named: "invalid", holding: TaskSequenceWriter(layout: .canonical).sequenceXML(sequence))
        defer { try? FileManager.default.removeItem(at: url) }
        let before = Set(try client.packagePaths())
        let name = "refused-\(UUID().uuidString)"

        let error = ErrorsOverBusTests.error { _ = try client.importFile(descriptorOf: url.path, options: ["Name": .string(name)]) }
        #expect(error?.name == "org.tsprovider.Provider1.Error.ValidationFailed", "\(String(describing: error))")
        #expect(error?.message == "Name: is empty; AllowedLen 1-100 (at group[\(groups)]/step[\(stepsPerGroup)] \"\")", "\(String(describing: error))")
        try Self.expectNoPackage(named: name, since: before, client: client)
    }

    @Test func aLargeSequenceMalformedNearItsEndIsRefusedNamingTheLine() throws {
        let client = ProviderClient(try SharedDaemon.current().client)
        let text = try TaskSequenceWriter(layout: .canonical).sequenceXML(Self.largeSequence(bytes: 5 << 20).sequence)
        let closing = try #require(text.range(of: "</step>", options: .backwards))
        let broken = text.replacingCharacters(in: closing, with: "</stepp>")
        let line = broken[..<closing.lowerBound].filter { $0 == "\n" }.count + 1
        let url = try Self.file(named: "malformed", holding: broken)
        defer { try? FileManager.default.removeItem(at: url) }
        let before = Set(try client.packagePaths())
        let name = "refused-\(UUID().uuidString)"

        let error = ErrorsOverBusTests.error { _ = try client.importFile(descriptorOf: url.path, options: ["Name": .string(name)]) }
        #expect(error?.name == Provider.invalidXMLError, "\(String(describing: error))")
        #expect(error?.message.hasPrefix("\(line):") == true, "expected line \(line): \(String(describing: error))")
        #expect(error?.message.hasSuffix("and stepp; expected </step>") == true, "\(String(describing: error))")
        try Self.expectNoPackage(named: name, since: before, client: client)
    }

    /// Other suites import into the shared daemon meanwhile: the refused import must have left
    /// no package of its own, whatever else appeared.
    static func expectNoPackage(named name: String, since before: Set<ObjectPath>, client: ProviderClient) throws {
        for path in Set(try client.packagePaths()).subtracting(before) {
            // A package another suite deleted meanwhile answers UnknownObject: it is not ours either.
            #expect((try? client.property("Name", of: Provider.packageInterface, at: path)) != .string(name), "the refused import left \(path)")
        }
    }
}
