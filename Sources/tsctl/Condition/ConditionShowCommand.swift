import ArgumentParser
import TaskSequenceSDK

/// `tsctl condition show ID STEP`: a step's condition as text and as a tree of operands.
struct ConditionShowCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a step's condition: its text, and each operand with its ID.",
        discussion: """
            Like Get-CMTaskSequenceStepCondition. Operand IDs are what `tsctl condition add \
            --parent` and `tsctl condition remove` take. With --json: {"StepID", "Text", \
            "Operands"}, each operand {"OperandID", "ClassName", "OperatorType" (null for \
            tests), "Properties", "Operands"}; Text is null and Operands empty when the step has \
            no condition.
            """
    )

    @Argument(help: ArgumentHelp("The PackageID.", valueName: "package-id"))
    var packageID: String

    @Argument(help: ArgumentHelp("The step ID.", valueName: "step-id"))
    var stepID: Int64

    @OptionGroup var global: GlobalOptions

    var subject: String { "step \(stepID) of \(packageID)" }

    /// `--json` when the step has no condition.
    struct NoCondition: Encodable {
        var stepID: Int64
        enum CodingKeys: String, CodingKey { case stepID = "StepID", text = "Text", operands = "Operands" }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(stepID, forKey: .stepID)
            try container.encodeNil(forKey: .text)
            try container.encode([OperandNode](), forKey: .operands)
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        let step = client.package(packageID).step(stepID)
        guard let info = try step.condition.info() else {
            try output.emit(NoCondition(stepID: stepID)) { "step \(stepID) has no condition: it always runs" }
            return
        }
        try output.emit(info) {
            var lines = ["if \(info.text)"]
            func add(_ operands: [OperandNode], depth: Int) {
                for operand in operands {
                    let indent = String(repeating: "  ", count: depth + 1)
                    if let type = operand.operatorType {
                        lines.append("\(indent)[\(operand.id)] \(type)")
                        add(operand.operands, depth: depth + 1)
                    } else {
                        let kind = operand.className.replacingOccurrences(of: "SMS_TaskSequence_", with: "").replacingOccurrences(of: "ConditionExpression", with: "")
                        let properties = operand.properties.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
                        lines.append("\(indent)[\(operand.id)] \(kind) \(properties)")
                    }
                }
            }
            add(info.operands, depth: 0)
            return lines.joined(separator: "\n")
        }
    }
}
