import TaskSequenceModel
import TaskSequenceSDK
import TaskSequenceXML

/// The step tree of an old revision, built from the revision's sequence and the IDs its steps
/// had (``PackageHandle/stepIDs(at:)``), shaped as a live sequence's ``StepNode``s.
enum RevisionStepTree {
    static func nodes(packageID: String, xml: String, stepIDs: [String: Int64]) throws -> [StepNode] {
        let sequence: TaskSequence
        do {
            sequence = try TaskSequenceReader().sequence(fromXML: xml)
        } catch {
            throw CommandFailure("the revision's sequence does not read: \(error)")
        }
        func build(_ steps: [Step], under parent: StepPath, parentID: Int64?) -> [StepNode] {
            steps.enumerated().map { index, step in
                let path = parent.appending(step.kind, at: index)
                let id = stepIDs[path.description] ?? 0
                var settings: [String: PropertyValue] = [:]
                for variable in step.variables?.variables ?? [] { settings[variable.property] = .string(variable.value) }
                let info = StepInfo(
                    id: id, packageID: packageID, className: step.className, name: step.name, description: step.description,
                    isEnabled: step.isEnabled, continuesOnError: step.continueOnError, parentID: parentID, index: index,
                    conditionText: step.condition?.text, supportedEnvironment: step.isGroup ? nil : step.supportedEnvironment,
                    timeout: step.isGroup ? nil : step.timeout, settings: settings, actionCommandLine: step.isGroup ? nil : step.actionCommandLine
                )
                return StepNode(info: info, children: build(step.steps, under: path, parentID: id))
            }
        }
        return build(sequence.steps, under: StepPath(), parentID: nil)
    }
}
