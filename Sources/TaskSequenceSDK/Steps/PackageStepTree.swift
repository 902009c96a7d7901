import DBusKit

/// A package's whole step tree as one `GetStepTree` call reads it, with the SourceVersion it
/// was read at (pass that back to a version-checked edit).
public struct PackageStepTree: Sendable, Hashable {
    /// The top-level steps and groups, each with its subtree.
    public var steps: [StepNode]
    /// The package's SourceVersion when the tree was read.
    public var sourceVersion: UInt32

    /// A tree.
    public init(steps: [StepNode], sourceVersion: UInt32) {
        self.steps = steps
        self.sourceVersion = sourceVersion
    }

    /// Every step and group, depth first, in document order.
    public var allSteps: [StepInfo] { steps.flatMap { $0.flattened().map(\.info) } }

    /// The node of step `id`, wherever it is.
    public func node(_ id: Int64) -> StepNode? {
        func find(_ nodes: [StepNode]) -> StepNode? {
            for node in nodes {
                if node.info.id == id { return node }
                if let found = find(node.children) { return found }
            }
            return nil
        }
        return find(steps)
    }

    /// Rebuilds the tree from `GetStepTree`'s flat list (document order, each with its Depth).
    init(packageID: String, entries: [DBusValue], sourceVersion: UInt32) {
        // A stack of open groups: each entry is added under the last node one level up.
        var stack: [StepNode] = []
        var roots: [StepNode] = []
        func close(toDepth depth: Int) {
            while stack.count > depth, let last = stack.popLast() {
                if stack.isEmpty { roots.append(last) } else { stack[stack.count - 1].children.append(last) }
            }
        }
        for entry in entries {
            let properties = OrderedProperties(entry)
            let depth = Int(properties.uint32("Depth"))
            close(toDepth: depth)
            stack.append(StepNode(info: Self.info(properties, packageID: packageID)))
        }
        close(toDepth: 0)
        self.init(steps: roots, sourceVersion: sourceVersion)
    }

    static func info(_ step: OrderedProperties, packageID: String) -> StepInfo {
        let parentID = step["ParentID"].flatMap { PropertyValue($0).intValue }.flatMap { $0 == 0 ? nil : Int64($0) }
        var info = StepInfo(
            id: step["StepID"].flatMap { PropertyValue($0).intValue } ?? 0, packageID: packageID,
            className: step.string("Class"), name: step.string("Name"), description: step.string("Description"),
            isEnabled: step.bool("Enabled"), continuesOnError: step.bool("ContinueOnError"), parentID: parentID,
            index: Int(step.uint32("Index")), conditionText: step["Condition"].map { PropertyValue($0).text })
        guard !info.isGroup else { return info }
        info.supportedEnvironment = step.string("SupportedEnvironment")
        info.timeout = step["Timeout"].map { _ in step.uint32("Timeout") }
        info.actionCommandLine = step.string("ActionCommandLine")
        if case .dictionary(let settings)? = step["Settings"].map(PropertyValue.init) { info.settings = settings }
        return info
    }
}

extension PackageHandle {
    /// The whole sequence as a tree, with each step's properties, settings (secrets blank) and
    /// condition text, and the SourceVersion it was read at: one call, whatever the size.
    ///
    /// - Throws: `ProviderError.unknownObject(_:)` when there is no such package (or you may
    ///   not read it).
    public func stepTree() throws -> PackageStepTree {
        let reply = try client.call(path, ProviderInterface.package, "GetStepTree", timeout: client.options.transferTimeout)
        guard case .array(_, let entries)? = reply.first?.unwrappingVariant else { return PackageStepTree(steps: [], sourceVersion: 0) }
        let version = reply.count > 1 ? PropertyValue(reply[1]).intValue.flatMap { UInt32(exactly: $0) } ?? 0 : 0
        return PackageStepTree(packageID: id, entries: entries, sourceVersion: version)
    }
}
