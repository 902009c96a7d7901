// The payloads of `tsbench memory`: a valid sequence of about 30 MiB made of copies of a real
// ConfigMgr sequence's steps under fresh names, and the same sequence broken near its end — once
// against a validation rule, once as XML.
import Foundation
import TaskSequenceModel
import TaskSequenceXML

enum LargeSequences {
    /// The fixture whose steps are copied: a real MDT server sequence (83 steps in groups, with
    /// settings and conditions).
    static let templateFile = "DeploymentResearch__HydrationKitWS2022__Source__Hydration__Control__CM01__ts.xml"

    /// The steps of the template fixture and the sequence's other children, read from the corpus.
    static func template() throws -> TaskSequence {
        let directory = ProcessInfo.processInfo.environment["TSPROVIDER_XML_CORPUS"]
            ?? FileManager.default.currentDirectoryPath + "/Tests/Fixtures/realworld"
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + templateFile))
        return try TaskSequenceReader().document(from: data).sequence
    }

    /// A `<sequence>` of at least `targetBytes`: the template's steps again and again, every step
    /// renamed `copy.n original`, so that no two steps share a name.
    static func valid(targetBytes: Int, template: TaskSequence) throws -> (xml: String, steps: Int) {
        let oneCopy = try TaskSequenceWriter().sequenceXML(sequence(copies: 1, of: template)).utf8.count
        let copies = max(1, (targetBytes + oneCopy - 1) / oneCopy)
        let sequence = sequence(copies: copies, of: template)
        return (try TaskSequenceWriter().sequenceXML(sequence), sequence.allSteps.count)
    }

    /// The valid sequence with the last step of its last copy nameless: validation refuses it
    /// (Name: is empty) at the very last step.
    static func failingValidation(targetBytes: Int, template: TaskSequence) throws -> String {
        let oneCopy = try TaskSequenceWriter().sequenceXML(sequence(copies: 1, of: template)).utf8.count
        var sequence = sequence(copies: max(1, (targetBytes + oneCopy - 1) / oneCopy), of: template)
        guard clearLastName(in: &sequence) else { throw ProviderBenchError("the template has no steps") }
        return try TaskSequenceWriter().sequenceXML(sequence)
    }

    /// The valid sequence with the first step of its copy a tenth of the way in nameless: how
    /// little an import builds when its error comes early.
    static func failingValidationEarly(targetBytes: Int, template: TaskSequence) throws -> String {
        let oneCopy = try TaskSequenceWriter().sequenceXML(sequence(copies: 1, of: template)).utf8.count
        let copies = max(1, (targetBytes + oneCopy - 1) / oneCopy)
        var sequence = sequence(copies: copies, of: template)
        var steps = sequence.steps
        let index = (copies / 10) * template.steps.count
        guard steps.indices.contains(index) else { throw ProviderBenchError("the template has no steps") }
        steps[index].name = ""
        sequence.steps = steps
        return try TaskSequenceWriter().sequenceXML(sequence)
    }

    /// `xml` with its last `</step>` misspelt: not well-formed, found only near the end.
    static func malformed(_ xml: String) throws -> String {
        guard let closing = xml.range(of: "</step>", options: .backwards) else { throw ProviderBenchError("no </step> to break") }
        return xml.replacingCharacters(in: closing, with: "</stepp>")
    }

    /// At least `targetBytes` of small steps — groups of twenty command lines with a condition
    /// each, about 600 bytes a step: the model's cost grows with the number of nodes.
    static func manySmallSteps(targetBytes: Int) throws -> (xml: String, steps: Int) {
        func group(_ number: Int) throws -> Step {
            let steps = try (1...20).map { step in
                try ActionCatalog.builtIn.makeStep(ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Run \(number).\(step)",
                                                   settings: ["CommandLine": "cmd /c echo \(number).\(step)"])
            }
            var group = Step.group(name: "Group \(number)", steps: steps)
            group.children.insert(.condition(Condition(operands: [.expression(ConditionExpression(
                className: ConditionClass.variable, properties: ["Operator": "exists", "Variable": "RUN_\(number)"]))])), at: 0)
            return group
        }
        let oneGroup = try TaskSequenceWriter().sequenceXML(TaskSequence(schemaVersion: "3.10", steps: [group(1)])).utf8.count
        let sequence = TaskSequence(schemaVersion: "3.10", steps: try (1...max(1, (targetBytes + oneGroup - 1) / oneGroup)).map(group))
        return (try TaskSequenceWriter().sequenceXML(sequence), sequence.allSteps.count)
    }

    private static func sequence(copies: Int, of template: TaskSequence) -> TaskSequence {
        var sequence = TaskSequence(attributes: template.attributes, children: template.children.filter {
            if case .step = $0 { false } else { true }
        })
        for copy in 1...copies {
            for step in template.steps { sequence.children.append(.step(renamed(step, copy: copy))) }
        }
        return sequence
    }

    /// Empties the name of the container's last step, deepest first; false when it has none.
    private static func clearLastName<Container: StepContainer>(in container: inout Container) -> Bool {
        var steps = container.steps
        guard var last = steps.popLast() else { return false }
        if !clearLastName(in: &last) { last.name = "" }
        steps.append(last)
        container.steps = steps
        return true
    }

    private static func renamed(_ step: Step, copy: Int) -> Step {
        var step = step
        step.name = "\(copy).\(step.name.prefix(80))"
        step.children = step.children.map { node in
            if case .step(let child) = node { .step(renamed(child, copy: copy)) } else { node }
        }
        return step
    }
}
