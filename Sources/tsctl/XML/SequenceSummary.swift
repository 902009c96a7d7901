import TaskSequenceModel
import TaskSequenceXML

/// What `xml check` reports about one task sequence.
struct SequenceSummary: Codable, Equatable {
    var path: String
    var format: String
    var packageID: String?
    var archiveMember: String?
    var schemaVersion: String
    /// Actions, including Run Task Sequence steps.
    var steps: Int
    var groups: Int
    /// Condition expressions (the individual tests) over all steps and groups.
    var conditions: Int

    init(path: String, document: TaskSequenceDocument) {
        self.path = path
        format = document.format.rawValue
        packageID = document.package.packageID.isEmpty ? nil : document.package.packageID
        archiveMember = document.archiveMember
        schemaVersion = document.sequence.schemaVersion
        let all = document.sequence.allSteps
        groups = all.count { $0.isGroup }
        steps = all.count - groups
        conditions = all.reduce(0) { $0 + ($1.condition?.operands.expressionCount ?? 0) }
    }

    /// `PATH: format=… version=… steps=… groups=… conditions=…` (plus the package and member
    /// when the file carries them).
    var line: String {
        var line = "\(path): format=\(format) version=\(schemaVersion) steps=\(steps) groups=\(groups) conditions=\(conditions)"
        if let packageID { line += " package=\(packageID)" }
        if let archiveMember { line += " member=\(archiveMember)" }
        return line
    }
}

extension Array where Element == ConditionOperand {
    /// Expressions here and inside operators.
    var expressionCount: Int {
        reduce(0) { count, operand in
            switch operand {
            case .expression: count + 1
            case .operator(let conditionOperator): count + conditionOperator.operands.expressionCount
            case .foreign: count
            }
        }
    }
}
