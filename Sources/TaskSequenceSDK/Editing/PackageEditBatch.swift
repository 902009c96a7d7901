import DBusKit

/// The edits of one ``PackageHandle/edit(expecting:_:)`` call, collected by the closure you
/// pass and sent to the provider's `Edit` method as one batch: one transaction, one revision,
/// all or nothing.
///
/// ```swift
/// let read = try package.sequenceXMLWithVersion()
/// let result = try package.edit(expecting: read.sourceVersion) { batch in
///     batch.set(.timeout, to: .int(3600), on: package.step(84))
///     batch.setSettings(["CommandLine": .string("cscript //nologo fix.vbs")], on: package.step(84))
///     batch.addStep(ofClass: "SMS_TaskSequence_RunCommandLineAction",
///                   properties: ["Name": .string("Log"), "CommandLine": .string("cmd /c echo done")])
/// }
/// ```
public struct PackageEditBatch: Sendable {
    /// The operations so far, as the `Edit` method takes them.
    private(set) var operations: [DBusValue] = []

    /// The number of operations collected.
    public var count: Int { operations.count }

    init() {}

    /// Sets one of a step's own properties (Name, Enabled, Timeout …).
    public mutating func set(_ property: StepProperty, to value: PropertyValue, on step: StepHandle) {
        append("SetStepProperties", ["StepID": .int64(step.id), "Properties": [property.rawValue: value].dbusDictionary])
    }

    /// Changes some of an action's settings; the others stay.
    public mutating func setSettings(_ changes: [String: PropertyValue], on step: StepHandle) {
        append("SetSettings", ["StepID": .int64(step.id), "Settings": changes.dbusDictionary])
    }

    /// Adds a step of `className` into `parent` (a group; `nil` is the top of the sequence)
    /// before the step now at `index` (`nil` appends). `properties` holds the step's own
    /// properties and the class's settings; the new StepID is in the result.
    public mutating func addStep(ofClass className: String, properties: [String: PropertyValue], into parent: StepHandle? = nil, at index: Int? = nil) {
        append("AddStep", ["ClassName": .string(className), "Properties": properties.dbusDictionary,
                           "Parent": .int64(parent?.id ?? 0), "Index": .int32(Self.index(index))])
    }

    /// Moves a step into `parent` (a group; `nil` is the top) before the step now at `index`.
    public mutating func move(_ step: StepHandle, into parent: StepHandle? = nil, at index: Int? = nil) {
        append("MoveStep", ["StepID": .int64(step.id), "Parent": .int64(parent?.id ?? 0), "Index": .int32(Self.index(index))])
    }

    /// Deletes a step and, for a group, everything inside it.
    public mutating func delete(_ step: StepHandle) {
        append("DeleteStep", ["StepID": .int64(step.id)])
    }

    /// Sets one of the package's writable properties.
    public mutating func set(_ property: PackageProperty, to value: PropertyValue) {
        append("SetPackageProperties", ["Properties": [property.rawValue: value].dbusDictionary])
    }

    /// Adds a condition expression of `className` (e.g.
    /// `SMS_TaskSequence_VariableConditionExpression`) to `step`'s condition, inside operator
    /// `parentOperandID` (`nil`: the condition itself, created when the step has none). The new
    /// OperandID is in the result.
    public mutating func addExpression(ofClass className: String, properties: [String: PropertyValue], to step: StepHandle, inOperator parentOperandID: Int64? = nil) {
        append("AddExpression", ["StepID": .int64(step.id), "ClassName": .string(className), "Properties": properties.dbusDictionary,
                                 "Parent": .int64(parentOperandID ?? 0)])
    }

    /// Adds an operator (`and`, `or`, `not`) to `step`'s condition.
    public mutating func addOperator(_ operatorType: String, to step: StepHandle, inOperator parentOperandID: Int64? = nil) {
        append("AddOperator", ["StepID": .int64(step.id), "OperatorType": .string(operatorType), "Parent": .int64(parentOperandID ?? 0)])
    }

    /// Replaces an expression's properties.
    public mutating func setOperand(_ operandID: Int64, of step: StepHandle, properties: [String: PropertyValue]) {
        append("SetOperand", ["StepID": .int64(step.id), "OperandID": .int64(operandID), "Properties": properties.dbusDictionary])
    }

    /// Deletes an operand of `step`'s condition (an operator with everything inside it).
    public mutating func deleteOperand(_ operandID: Int64, of step: StepHandle) {
        append("DeleteOperand", ["StepID": .int64(step.id), "OperandID": .int64(operandID)])
    }

    /// Removes `step`'s condition.
    public mutating func clearCondition(of step: StepHandle) {
        append("ClearCondition", ["StepID": .int64(step.id)])
    }

    private mutating func append(_ op: String, _ fields: [String: DBusValue]) {
        var entries = fields
        entries["Op"] = .string(op)
        operations.append(.stringVariantDictionary(entries))
    }

    private static func index(_ index: Int?) -> Int32 {
        index.map { Int32(clamping: $0) } ?? -1
    }
}

/// What an ``PackageHandle/edit(expecting:_:)`` batch did.
public struct PackageEditResult: Sendable, Hashable {
    /// The package's SourceVersion afterwards: pass it to the next edit.
    public var sourceVersion: UInt32
    /// The IDs of the steps the batch added, by the index of their `addStep` operation.
    public var addedStepIDs: [Int: Int64]
    /// The IDs of the condition operands the batch added, by the index of their operation.
    public var addedOperandIDs: [Int: Int64] = [:]
}
