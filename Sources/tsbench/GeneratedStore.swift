// A large store for the start-up benchmark, written straight through ProviderStore in one
// transaction (importing 10,000 packages one call at a time would take longer than the
// measurement it serves).
import ProviderStore
import TaskSequenceModel

enum GeneratedStore {
    /// Ten steps: a group with a condition holding nine command lines.
    static func template() throws -> TaskSequence {
        TaskSequence(schemaVersion: "3.10", steps: [try group()])
    }

    /// The template's group: a condition and nine command lines.
    static func group() throws -> Step {
        let commands = try (1...9).map { number in
            try ActionCatalog.builtIn.makeStep(
                ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Run step \(number)",
                settings: ["CommandLine": "cmd /c echo \(number)"])
        }
        var group = Step.group(name: "Install", description: "Generated for the start-up benchmark", steps: commands)
        let condition = Condition(operands: [.expression(ConditionExpression(
            className: ConditionClass.variable, properties: ["Operator": "exists", "Variable": "OSDComputerName"]))])
        group.children.insert(.condition(condition), at: 0)
        return group
    }

    /// Writes `count` packages with `template` as their sequence into a new store at `path`;
    /// returns how many steps the store then holds.
    static func create(at path: String, packages count: Int, template: TaskSequence, siteCode: String = "PS1") throws -> Int {
        let store = try ProviderStore(path: path)
        try store.write { db in
            for number in 0..<count {
                var properties = PackageProperties()
                properties.packageID = try ProviderStore.allocatePackageID(siteCode: siteCode, in: db)
                properties.name = "Generated \(number)"
                properties.description = "One of \(count) packages generated for the start-up benchmark"
                properties.packageType = 4
                properties.sourceVersion = 1
                properties.sourceSite = siteCode
                try PackageRow(properties: properties, sequenceAttributes: template.attributes).insert(db)
                try SequenceTree.replace(packageID: properties.packageID, with: template, in: db)
            }
        }
        return try store.read { db in try StepRow.countAll(db) }
    }
}
