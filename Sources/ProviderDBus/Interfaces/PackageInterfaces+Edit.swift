import DBusKit
import ProviderCore
import TaskSequenceModel

/// Version-checked edits (issue 17): a batch on the package, SetProperties on packages and
/// steps, and the sequence read with the version a writer passes back.
extension Interfaces {
    static func editMethods() -> [DBusInterfaceMember<PackageModel>] {
        [
            .method(DBusMethod(
                "Edit",
                inputs: [DBusArgument("expected_source_version", .uint32, doc: "The SourceVersion the edits are based on; 0 skips the check. A stale one is Conflict and nothing is written."),
                         DBusArgument("operations", .array(.dictionary(key: .string, value: .variant)), doc: """
                            Applied in order, one a{sv} each with Op (s) and its fields: SetStepProperties (StepID, Properties a{sv}), \
                            SetSettings (StepID, Settings a{sv}), AddStep (ClassName s, Properties a{sv}, Parent: a group StepID or 0 for the top, Index i: -1 appends), \
                            MoveStep (StepID, Parent, Index), DeleteStep (StepID), SetPackageProperties (Properties a{sv}), \
                            AddExpression (StepID, ClassName s, Properties a{sv}, Parent: an operator OperandID or 0 for the condition itself), \
                            AddOperator (StepID, OperatorType s: and, or or not, Parent), SetOperand (StepID, OperandID, Properties a{sv} or OperatorType s), \
                            DeleteOperand (StepID, OperandID), ClearCondition (StepID).
                            """)],
                outputs: [DBusArgument("source_version", .uint32, doc: "The package's SourceVersion afterwards."),
                          DBusArgument("results", .array(.dictionary(key: .string, value: .variant)), doc: "One a{sv} per operation: StepID (t) for AddStep, OperandID (t) for AddExpression and AddOperator, empty otherwise.")],
                doc: "Applies every operation in one transaction as one revision whose summary lists them (3 edits: step 84 renamed, ...). All or nothing: a failing operation fails the call with its own error name, the message starting operation N (Op), and nothing is written. Needs Modify."
            ) { model, call in
                let caller = try model.bus.caller(call.caller)
                let expected = try call.argument("expected_source_version", as: UInt32.self)
                guard case .array(_, let operations) = call.arguments[1] else { throw DBusError.invalidArgs("operations must be aa{sv}") }
                let (results, version) = try model.bus.service.edit(packageID: model.packageID, expecting: expected == 0 ? nil : expected, for: caller) {
                    try EditOperations.apply(operations, packageID: model.packageID, bus: model.bus, caller: caller)
                }
                return [.uint32(version), .array(.dictionary(key: .string, value: .variant), results)]
            }),
            .method(DBusMethod(
                "GetSequenceWithVersion",
                outputs: [DBusArgument("xml", .string, doc: "The sequence element, secrets blanked, as GetSequence gives it."),
                          DBusArgument("source_version", .uint32, doc: "The SourceVersion the sequence was read at: pass it to Edit, SetProperties or SetSequence.")],
                doc: "The sequence and the SourceVersion it was read at, from one read. Needs Read."
            ) { model, call in
                let read = try model.bus.service.sequenceXMLWithVersion(packageID: model.packageID, for: model.bus.caller(call.caller))
                return [.string(read.xml), .uint32(read.sourceVersion)]
            }),
            .method(DBusMethod(
                "SetProperties",
                inputs: [DBusArgument("values", .dictionary(key: .string, value: .variant), doc: "Writable package properties by name."),
                         DBusArgument("options", .dictionary(key: .string, value: .variant), doc: "ExpectedSourceVersion (u): the SourceVersion the change is based on; absent or 0 skips the check.")],
                outputs: [DBusArgument("source_version", .uint32, doc: "The package's SourceVersion afterwards.")],
                doc: "Sets several package properties as one revision; a stale ExpectedSourceVersion is Conflict and nothing is written. Needs Modify."
            ) { model, call in
                let properties = try ValueConversion.textProperties(call.arguments[0], argument: "values")
                let version = try versionChecked(model.bus, model.packageID, options: call.arguments[1], call.caller) { caller in
                    _ = try model.bus.service.updatePackage(model.packageID, for: caller) { try PackageModel.apply(properties, to: &$0) }
                }
                return [.uint32(version)]
            }),
        ]
    }

    /// `SetProperties` on a step: its own properties and its action settings, as one revision.
    static func stepSetPropertiesMethod() -> DBusMethod<StepModel> {
        DBusMethod(
            "SetProperties",
            inputs: [DBusArgument("values", .dictionary(key: .string, value: .variant), doc: "Name, Description, Enabled, ContinueOnError, SupportedEnvironment, Timeout and, for an action, its class's settings (others stay)."),
                     DBusArgument("options", .dictionary(key: .string, value: .variant), doc: "ExpectedSourceVersion (u): the package SourceVersion the change is based on; absent or 0 skips the check.")],
            outputs: [DBusArgument("source_version", .uint32, doc: "The package's SourceVersion afterwards.")],
            doc: "Sets the step's properties and settings as one revision; a stale ExpectedSourceVersion is Conflict and nothing is written. Needs Modify."
        ) { model, call in
            let values = try ValueConversion.textProperties(call.arguments[0], argument: "values")
            let version = try versionChecked(model.bus, model.packageID, options: call.arguments[1], call.caller) { caller in
                var settings: [String: String?] = [:]
                for (name, value) in values {
                    if StepProperty.allCases.contains(where: { $0.rawValue.lowercased() == name.lowercased() }) {
                        try model.bus.service.setStepProperty(name, to: value, stepID: model.stepID, packageID: model.packageID, for: caller)
                    } else {
                        settings[name] = value
                    }
                }
                if !settings.isEmpty {
                    try model.bus.service.setStepSettings(settings, stepID: model.stepID, packageID: model.packageID, for: caller)
                }
            }
            return [.uint32(version)]
        }
    }

    /// Runs `change` as a batch checked against the options' ExpectedSourceVersion.
    private static func versionChecked(
        _ bus: ProviderBus, _ packageID: String, options: DBusValue, _ context: CallerContext, _ change: (Caller) throws -> Void
    ) throws -> UInt32 {
        let caller = try bus.caller(context)
        var expected: UInt32?
        if let value = options.stringKeyedEntries?["ExpectedSourceVersion"] {
            guard let text = ValueConversion.text(value), let number = UInt32(text) else {
                throw DBusError.invalidArgs("options['ExpectedSourceVersion'] must be a uint32")
            }
            expected = number == 0 ? nil : number
        }
        return try bus.service.edit(packageID: packageID, expecting: expected, for: caller) { try change(caller) }.sourceVersion
    }
}
