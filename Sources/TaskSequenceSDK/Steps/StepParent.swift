import DBusKit

/// Something steps live in: a package's ``SequenceHandle`` or a group's ``StepHandle``.
///
/// Both add steps and groups, list their steps and read their subtree the same way:
///
/// ```swift
/// let group = try package.sequence.addGroup(named: "Diagnostics", at: 0)
/// try group.addStep(.runCommandLine("ipconfig /all"), named: "Show network")
/// for node in try group.stepTree() { print(node.info.name) }
/// ```
public protocol StepParent: Sendable {
    /// The client calls go through.
    var client: ProviderClient { get }
    /// The package the steps belong to.
    var packageID: String { get }
    /// The object path of the sequence or group.
    var objectPath: String { get }
}

extension StepParent {
    var parentPath: ObjectPath { (try? ObjectPath(objectPath)) ?? ProviderPaths.sequence(packageID) }

    /// The sequence object carries `SMS_TaskSequence`; a group `SMS_TaskSequence_Group`.
    var containerInterface: String {
        objectPath.hasSuffix("/Sequence") ? ProviderInterface.sequence : ProviderInterface.group
    }

    /// Calls a method of the container; on a step that is an action, says so.
    func callContainer(_ method: String, _ arguments: [DBusValue]) throws -> [DBusValue] {
        guard let stepID = ProviderPaths.stepID(of: parentPath) else {
            return try client.call(parentPath, containerInterface, method, arguments)
        }
        return try StepInterfaceCheck.requiring(ProviderInterface.group, stepID: stepID) {
            try client.call(parentPath, containerInterface, method, arguments)
        }
    }

    /// The steps directly inside, in order.
    public func steps() throws -> [StepHandle] {
        let value = try ProviderPaths.stepID(of: parentPath).map { stepID in
            try StepInterfaceCheck.requiring(ProviderInterface.group, stepID: stepID) { try client.rawProperty("Steps", of: containerInterface, at: parentPath) }
        } ?? client.rawProperty("Steps", of: containerInterface, at: parentPath)
        return ProviderClient.paths(value).compactMap { path in
            ProviderPaths.stepID(of: path).map { StepHandle(client: client, packageID: packageID, id: $0) }
        }
    }

    /// Everything inside, as a tree: each step's properties, settings and condition text,
    /// groups with their steps. One call (the package's `GetStepTree`), whatever its size.
    ///
    /// - Throws: `ProviderError.invalidArguments(_:)` when this is an action, not a group;
    ///   `ProviderError.unknownObject(_:)` when the step is gone.
    public func stepTree() throws -> [StepNode] {
        let tree = try PackageHandle(client: client, id: packageID).stepTree()
        guard let stepID = ProviderPaths.stepID(of: parentPath) else { return tree.steps }
        guard let node = tree.node(stepID) else {
            throw ProviderError.unknownObject("step \(stepID) of package \(packageID)")
        }
        guard node.info.isGroup else { throw ProviderError.invalidArguments("step \(stepID) is an action, not a group") }
        return node.children
    }

    /// Adds an action step and returns it.
    ///
    /// ```swift
    /// let step = try group.addStep(
    ///     .runCommandLine("cmd /c ipconfig /all").timeout(seconds: 600),
    ///     named: "Show network",
    ///     condition: .variable("_SMSTSInWinPE", .equals, "false"))
    /// ```
    ///
    /// - Parameters:
    ///   - action: what the step does: one of the typed builders (``StepAction/runCommandLine(_:workingDirectory:packageID:successCodes:outputVariable:disableWow64Redirection:)`` …)
    ///     or ``StepAction/custom(className:settings:)`` for any other action class.
    ///   - name: the step's name (1–100 characters).
    ///   - description: its description.
    ///   - isEnabled: `false` adds it disabled.
    ///   - continuesOnError: whether the sequence goes on when the step fails.
    ///   - condition: when the step runs; `nil` for always. If the condition cannot be added,
    ///     the step is removed again and the error thrown.
    ///   - index: where among the existing steps; `nil` appends.
    /// - Throws: `ProviderError.invalidArguments(_:)` for an unknown class or setting,
    ///   `ProviderError.validationFailed(property:rule:)` for a setting the class refuses.
    @discardableResult
    public func addStep(
        _ action: StepAction, named name: String, description: String = "", isEnabled: Bool = true,
        continuesOnError: Bool = false, condition: StepCondition? = nil, at index: Int? = nil
    ) throws -> StepHandle {
        try action.validate()
        try condition?.validate()
        var properties = action.settings
        for (key, value) in action.stepProperties { properties[key] = value }
        properties["Name"] = .string(name)
        if !description.isEmpty { properties["Description"] = .string(description) }
        if !isEnabled { properties["Enabled"] = .bool(false) }
        if continuesOnError { properties["ContinueOnError"] = .bool(true) }
        let reply = try callContainer(
            "AddStep", [.string(action.className), properties.dbusDictionary, .int32(Self.index(index))])
        return try attach(condition, to: try step(from: reply.first))
    }

    /// Adds a group and returns it; add steps to it with ``addStep(_:named:description:isEnabled:continuesOnError:condition:at:)``.
    @discardableResult
    public func addGroup(
        named name: String, description: String = "", isEnabled: Bool = true, continuesOnError: Bool = false,
        condition: StepCondition? = nil, at index: Int? = nil
    ) throws -> StepHandle {
        var properties: [String: PropertyValue] = [:]
        if !description.isEmpty { properties["Description"] = .string(description) }
        if !isEnabled { properties["Enabled"] = .bool(false) }
        if continuesOnError { properties["ContinueOnError"] = .bool(true) }
        let reply = try callContainer("AddGroup", [.string(name), properties.dbusDictionary, .int32(Self.index(index))])
        return try attach(condition, to: try step(from: reply.first))
    }

    static func index(_ index: Int?) -> Int32 {
        index.map { Int32(clamping: $0) } ?? -1
    }

    private func step(from value: DBusValue?) throws -> StepHandle {
        guard case .objectPath(let path)? = value?.unwrappingVariant, let id = ProviderPaths.stepID(of: path) else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider answered \(value.map(String.init(describing:)) ?? "nothing") where a step path was expected")
        }
        return StepHandle(client: client, packageID: packageID, id: id)
    }

    private func attach(_ condition: StepCondition?, to step: StepHandle) throws -> StepHandle {
        guard let condition else { return step }
        do {
            try step.condition.add(condition)
        } catch {
            try? step.delete()
            throw error
        }
        return step
    }
}

/// A package's sequence (`…/<PackageID>/Sequence`): the top of its step tree.
public struct SequenceHandle: StepParent {
    /// The package.
    public let package: PackageHandle

    /// The client calls go through.
    public var client: ProviderClient { package.client }
    /// The package's ID.
    public var packageID: String { package.id }
    /// `/…/SMS_TaskSequencePackage/<PackageID>/Sequence`.
    public var objectPath: String { ProviderPaths.sequence(package.id).rawValue }

    /// The schema version of the sequence XML (`3.00`, `3.10`).
    public func schemaVersion() throws -> String {
        try client.property("SchemaVersion", of: ProviderInterface.sequence, at: ProviderPaths.sequence(package.id)).text
    }
}
