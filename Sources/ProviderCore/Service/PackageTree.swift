import ProviderStore
import TaskSequenceModel

/// A package's whole step tree as one read of the store saw it: every step with its place and
/// settings, every condition and operand. Lets a listing of the package (its object manager's
/// GetManagedObjects) read the store once instead of once per object and property.
public struct PackageTree: Sendable {
    /// Every step and group, in ID order.
    public var steps: [StoredStepInfo]
    /// Each step's position among its siblings.
    public var index: [Int64: Int]
    /// The steps directly inside each group, in order (the sequence's own under `nil`).
    public var children: [Int64?: [Int64]]
    /// Each action's settings as ``ProviderService/stepSettings(_:packageID:for:)`` gives them
    /// (secrets blank).
    public var settings: [Int64: [(property: String, value: String)]]
    /// Each condition: its top-level operand IDs and text, by step.
    public var conditions: [Int64: (operandIDs: [Int64], text: String)]
    /// Every operand of every condition (foreign ones left out), in ID order.
    public var operands: [OperandInfo]
    /// The package's SourceVersion when the tree was read, so a writer can pass it back.
    public var sourceVersion: UInt32 = 0
}

extension ProviderService {
    /// The package's whole tree, read at once (see ``PackageTree``).
    public func packageTree(_ packageID: String, for caller: Caller) throws -> PackageTree {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            let package = try packageRow(packageID, in: db)
            let rows = try StepRow.fetchAll(db, packageID: packageID)
            var tree = PackageTree(steps: [], index: [:], children: [:], settings: [:], conditions: [:], operands: [])
            tree.sourceVersion = package.sourceVersion
            for row in rows {
                let info = try stepInfo(row)
                tree.children[row.parentID, default: []].append(info.id)
                tree.steps.append(info)
            }
            tree.steps.sort { $0.id < $1.id }
            for siblings in tree.children.values {
                for (position, id) in siblings.enumerated() { tree.index[id] = position }
            }
            let classes = Dictionary(uniqueKeysWithValues: tree.steps.map { ($0.id, $0.className) })
            for variable in try StepVariableRow.rows(of: rows) where variable.foreign == nil {
                let value = ActionCatalog.builtIn.blanked(variable.value, property: variable.property, inClass: classes[variable.stepID] ?? "")
                tree.settings[variable.stepID, default: []].append((variable.property, value))
            }
            // As stepSettings: a Run Command Line step that keeps its command only in <action>
            // (MDT's) shows it as CommandLine.
            for row in rows where row.kind == .step && row.actionText != nil {
                guard let id = row.id,
                      row.className.equalsIgnoringCase(RunCommandLineClass.name) || row.className == StepClass.untypedMDTStep,
                      !(tree.settings[id] ?? []).contains(where: { $0.property.equalsIgnoringCase("CommandLine") }) else { continue }
                let step = try SequenceTree.loadShallow(row, in: db).step
                if step.keepsCommandLineInAction, let command = step.actionCommandLine {
                    tree.settings[id, default: []].append((property: "CommandLine", value: command))
                }
            }
            for (stepID, loaded) in try ConditionTree.loadAll(of: rows, packageID: packageID, in: db) {
                // The rows come by parent then position: each parent's children in order.
                let inside = Dictionary(grouping: loaded.operands, by: \.parentID).mapValues { $0.compactMap(\.id) }
                tree.conditions[stepID] = (inside[nil] ?? [], loaded.condition.text)
                for row in loaded.operands where row.kind != .foreign {
                    tree.operands.append(try operandInfo(row, packageID: packageID, childIDs: row.id.flatMap { inside[$0] } ?? [], in: db))
                }
            }
            tree.operands.sort { $0.stepID == $1.stepID ? $0.id < $1.id : $0.stepID < $1.stepID }
            return tree
        }
    }
}
