import DBusKit
import ProviderCore

/// The operations of a package's `Edit` batch, read from their `a{sv}` form and applied
/// through the service, each inside the batch's one transaction.
enum EditOperations {
    /// The names `Op` takes, as docs/dbus-api.md lists them.
    static let names = ["SetStepProperties", "SetSettings", "AddStep", "MoveStep", "DeleteStep", "SetPackageProperties",
                        "AddExpression", "AddOperator", "SetOperand", "DeleteOperand", "ClearCondition"]

    /// Applies every operation in order; the first that fails names its index and the batch is
    /// rolled back by the caller's transaction. Returns one result per operation.
    static func apply(_ operations: [DBusValue], packageID: String, bus: ProviderBus, caller: Caller) throws -> [DBusValue] {
        try operations.enumerated().map { index, value in
            var name = "operation"
            do {
                guard let entries = value.stringKeyedEntries else {
                    throw ProviderError.invalidArgument(name: "operations[\(index)]", problem: "must be a{sv}")
                }
                let fields = Fields(entries: entries)
                name = try fields.text("Op")
                return .stringVariantDictionary(try apply(name, fields, packageID: packageID, bus: bus, caller: caller))
            } catch let error as ProviderError {
                throw BatchOperationError(index: index, operation: name, error: error)
            } catch let error as DBusError {
                throw BatchOperationError(index: index, operation: name, error: .invalidArgument(name: "operations[\(index)]", problem: error.message))
            }
        }
    }

    private static func apply(_ name: String, _ fields: Fields, packageID: String, bus: ProviderBus, caller: Caller) throws -> [String: DBusValue] {
        let service = bus.service
        switch name {
        case "SetStepProperties":
            let stepID = try fields.integer("StepID")
            for (property, value) in try fields.properties("Properties") {
                try service.setStepProperty(property, to: value, stepID: stepID, packageID: packageID, for: caller)
            }
            return [:]
        case "SetSettings":
            let stepID = try fields.integer("StepID")
            var changes: [String: String?] = [:]
            for (property, value) in try fields.properties("Settings") { changes[property] = value }
            try service.setStepSettings(changes, stepID: stepID, packageID: packageID, for: caller)
            return [:]
        case "AddStep":
            let id = try service.addStep(
                className: try fields.text("ClassName"), properties: Dictionary(try fields.properties("Properties"), uniquingKeysWith: { $1 }),
                packageID: packageID, parentID: try fields.parent(), index: try fields.position(), for: caller)
            return ["StepID": .uint64(UInt64(clamping: id))]
        case "MoveStep":
            try service.moveStep(try fields.integer("StepID"), packageID: packageID, toParent: try fields.parent(), index: try fields.position(), for: caller)
            return [:]
        case "DeleteStep":
            try service.deleteStep(try fields.integer("StepID"), packageID: packageID, for: caller)
            return [:]
        case "SetPackageProperties":
            let properties = try fields.properties("Properties")
            _ = try service.updatePackage(packageID, for: caller) { try PackageModel.apply(properties, to: &$0) }
            return [:]
        case "AddExpression":
            let id = try service.addExpression(
                className: try fields.text("ClassName"), properties: try fields.properties("Properties"), stepID: try fields.integer("StepID"),
                packageID: packageID, parentID: try fields.optionalInteger("Parent"), for: caller)
            return ["OperandID": .uint64(UInt64(clamping: id))]
        case "AddOperator":
            let id = try service.addOperator(try fields.text("OperatorType"), stepID: try fields.integer("StepID"), packageID: packageID,
                                             parentID: try fields.optionalInteger("Parent"), for: caller)
            return ["OperandID": .uint64(UInt64(clamping: id))]
        case "SetOperand":
            try service.updateOperand(
                try fields.integer("OperandID"), stepID: try fields.integer("StepID"), packageID: packageID,
                operatorType: fields.entries["OperatorType"] == nil ? nil : try fields.text("OperatorType"),
                properties: fields.entries["Properties"] == nil ? nil : try fields.properties("Properties"), for: caller)
            return [:]
        case "DeleteOperand":
            try service.deleteOperand(try fields.integer("OperandID"), stepID: try fields.integer("StepID"), packageID: packageID, for: caller)
            return [:]
        case "ClearCondition":
            try service.clearCondition(stepID: try fields.integer("StepID"), packageID: packageID, for: caller)
            return [:]
        default:
            throw ProviderError.invalidArgument(name: "Op", problem: "'\(name)' is not an operation; expected one of \(names.joined(separator: ", "))")
        }
    }

    /// One operation's entries, read with errors that name the operation's field.
    private struct Fields {
        let entries: [String: DBusValue]

        func text(_ key: String) throws -> String {
            guard let value = entries[key], let text = ValueConversion.text(value) else {
                throw ProviderError.invalidArgument(name: key, problem: "missing or not a basic value")
            }
            return text
        }

        func integer(_ key: String) throws -> Int64 {
            let value = try text(key)
            guard let number = Int64(value) else { throw ProviderError.invalidArgument(name: key, problem: "'\(value)' is not a step ID") }
            return number
        }

        /// An ID that may be absent (or 0): `nil` then.
        func optionalInteger(_ key: String) throws -> Int64? {
            guard entries[key] != nil else { return nil }
            let id = try integer(key)
            return id == 0 ? nil : id
        }

        /// `Parent`: a group's StepID; absent or 0 is the top of the sequence.
        func parent() throws -> Int64? {
            guard entries["Parent"] != nil else { return nil }
            let id = try integer("Parent")
            return id == 0 ? nil : id
        }

        /// `Index`: 0 first, -1 (or absent) appends.
        func position() throws -> Int? {
            guard entries["Index"] != nil else { return nil }
            let value = try text("Index")
            guard let number = Int(value) else { throw ProviderError.invalidArgument(name: "Index", problem: "'\(value)' is not a number") }
            return number
        }

        func properties(_ key: String) throws -> [(name: String, value: String)] {
            guard let value = entries[key] else { throw ProviderError.invalidArgument(name: key, problem: "missing") }
            do {
                return try ValueConversion.textProperties(value, argument: key)
            } catch let error as DBusError {
                throw ProviderError.invalidArgument(name: key, problem: error.message)
            }
        }
    }
}
