// A large store for the start-up benchmark, written straight through ProviderStore in one
// transaction (importing 10,000 packages one call at a time would take longer than the
// measurement it serves).
import Foundation
import ProviderStore
import TaskSequenceModel

enum GeneratedStore {
    /// Ten steps: a group with a condition holding nine command lines.
    /// Packages named "Deploy workstation N" (PackageIDs `BEN` and N in hex), without
    /// sequences, written in one transaction: what the query benchmarks search.
    static func writeNamedPackages(_ numbers: ClosedRange<Int>, to store: ProviderStore) throws {
        try store.write { db in
            for number in numbers {
                var properties = PackageProperties()
                properties.packageID = "BEN" + String(format: "%05X", number)
                properties.name = "Deploy workstation \(number)"
                properties.description = "Benchmark package \(number)"
                properties.sourceVersion = 1
                properties.sourceSite = "BEN"
                try PackageRow(properties: properties).insert(db)
            }
        }
    }

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

extension GeneratedStore {
    /// Gives each of `packageIDs` (which hold no steps yet) a copy of `template`'s sequence, whose
    /// steps must all be at the top level: its step rows (their settings included), copied by
    /// two statements. A million steps take seconds this way, where writing each through
    /// `SequenceTree` (JSON per row, a statement per row) takes minutes on a shared machine.
    /// SQLite only, like the benchmarks that use it.
    static func copyFlatSequence(of template: String, to packageIDs: [String], in db: StoreDatabase) throws {
        let targets = db.dialect.inKeys(packageIDs)
        try db.run("""
            UPDATE package SET
                sequenceAttributes = (SELECT t.sequenceAttributes FROM package t WHERE t.packageID = ?),
                layout = (SELECT t.layout FROM package t WHERE t.packageID = ?)
            WHERE packageID \(targets.sql)
            """, SQLArguments([.text(template), .text(template)]) + targets.arguments)
        let stepColumns = ["parentID", "position", "kind", "className", "name", "description", "enabled", "continueOnError",
                           "supportedEnvironment", "timeout", "actionText", "contributesFacts", "hasCondition", "attributes", "layout", "variables"]
        try db.run("""
            INSERT INTO step (packageID, \(stepColumns.joined(separator: ", ")))
            SELECT p.packageID, \(stepColumns.map { "t." + $0 }.joined(separator: ", "))
            FROM package p JOIN step t ON t.packageID = ?
            WHERE p.packageID \(targets.sql)
            ORDER BY p.packageID, t.position
            """, SQLArguments([.text(template)]) + targets.arguments)
    }
}
