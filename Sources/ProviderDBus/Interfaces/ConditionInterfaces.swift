import DBusKit
import ProviderCore
import ProviderStore
import TaskSequenceModel

extension OperandModel {
    func info(_ context: CallerContext) throws -> OperandInfo {
        try resolved ?? bus.service.operand(operandID, stepID: stepID, packageID: packageID, for: bus.caller(context))
    }
}

extension StepModel {
    /// The step's condition: from the package tree read with it, or from the store.
    func condition(_ context: CallerContext) throws -> (operandIDs: [Int64], text: String)? {
        if let tree { return tree.conditions[stepID] }
        return try bus.service.condition(stepID: stepID, packageID: packageID, for: bus.caller(context))
    }

    /// Where an operand's `parent` argument points: the condition itself (`nil`) or an operator of it.
    func operandParentID(from path: ObjectPath) throws -> Int64? {
        switch ProviderPath(path) {
        case .object(.condition(let id, let step))? where id == packageID && step == stepID: return nil
        case .object(.step(let id, let step))? where id == packageID && step == stepID: return nil
        case .object(.operand(let id, let step, let operand))? where id == packageID && step == stepID: return operand
        default:
            throw DBusError.invalidArgs("parent \(path) is not this condition or one of its operators")
        }
    }
}

extension Interfaces {
    static func operandPaths(_ packageID: String, _ stepID: Int64, _ ids: [Int64]) -> DBusValue {
        .array(.objectPath, ids.map { .objectPath(ProviderPath.path(of: .operand(packageID: packageID, stepID: stepID, operandID: $0))) })
    }

    /// `…SMS_TaskSequence_Condition` on `/…/Steps/<StepID>/Condition`.
    static let condition = DBusInterface<StepModel>(InterfaceName.named("SMS_TaskSequence_Condition")) {
        DBusProperty("Operands", .array(.objectPath)) { model, context in
            operandPaths(model.packageID, model.stepID, try model.condition(context)?.operandIDs ?? [])
        }
        DBusProperty("Text", String.self) { model, context in
            try model.condition(context)?.text ?? ""
        }
        DBusMethod(
            "AddExpression",
            inputs: [DBusArgument("parent", .objectPath), DBusArgument("class_name", .string), DBusArgument("properties", .dictionary(key: .string, value: .variant))],
            outputs: [DBusArgument("expression", .objectPath)]
        ) { model, call in
            let parent = try model.operandParentID(from: call.argument("parent", as: ObjectPath.self))
            let properties = try ValueConversion.textProperties(call.arguments[2], argument: "properties")
            let id = try model.bus.service.addExpression(
                className: call.argument("class_name", as: String.self), properties: properties, stepID: model.stepID,
                packageID: model.packageID, parentID: parent, for: model.bus.caller(call.caller))
            return [.objectPath(ProviderPath.path(of: .operand(packageID: model.packageID, stepID: model.stepID, operandID: id)))]
        }
        DBusMethod(
            "AddOperator", inputs: [DBusArgument("parent", .objectPath), DBusArgument("operator_type", .string)],
            outputs: [DBusArgument("operator", .objectPath)]
        ) { model, call in
            let parent = try model.operandParentID(from: call.argument("parent", as: ObjectPath.self))
            let id = try model.bus.service.addOperator(
                call.argument("operator_type", as: String.self), stepID: model.stepID, packageID: model.packageID,
                parentID: parent, for: model.bus.caller(call.caller))
            return [.objectPath(ProviderPath.path(of: .operand(packageID: model.packageID, stepID: model.stepID, operandID: id)))]
        }
        DBusMethod("Clear") { model, call in
            try model.bus.service.clearCondition(stepID: model.stepID, packageID: model.packageID, for: model.bus.caller(call.caller))
            return []
        }
    }

    /// `…SMS_TaskSequence_ConditionExpression` on expressions.
    static let expression = DBusInterface<OperandModel>(InterfaceName.named("SMS_TaskSequence_ConditionExpression")) {
        DBusProperty("ClassName", String.self, emitsChangedSignal: .const) { model, context in try model.info(context).className }
        DBusProperty(
            "Properties", .dictionary(key: .string, value: .variant),
            get: { model, context in
                .stringVariantDictionary(Dictionary(try model.info(context).properties.map { ($0.name, DBusValue.string($0.value)) }, uniquingKeysWith: { first, _ in first }))
            },
            set: { model, value, context in
                let properties = try ValueConversion.textProperties(value, argument: "Properties")
                try model.bus.service.updateOperand(model.operandID, stepID: model.stepID, packageID: model.packageID, properties: properties, for: model.bus.caller(context))
            }
        )
        DBusMethod("Delete") { model, call in
            try model.bus.service.deleteOperand(model.operandID, stepID: model.stepID, packageID: model.packageID, for: model.bus.caller(call.caller))
            return []
        }
    }

    /// `…SMS_TaskSequence_ConditionOperator` on operators (`and`, `or`, `not`, OS groups).
    static let conditionOperator = DBusInterface<OperandModel>(InterfaceName.named("SMS_TaskSequence_ConditionOperator")) {
        DBusProperty(
            "OperatorType", .string,
            get: { model, context in .string(try model.info(context).operatorType) },
            set: { model, value, context in
                guard let text = ValueConversion.text(value) else { throw DBusError.invalidArgs("OperatorType takes a string") }
                try model.bus.service.updateOperand(model.operandID, stepID: model.stepID, packageID: model.packageID, operatorType: text, for: model.bus.caller(context))
            }
        )
        DBusProperty("Operands", .array(.objectPath)) { model, context in operandPaths(model.packageID, model.stepID, try model.info(context).childIDs) }
        DBusMethod("Delete") { model, call in
            try model.bus.service.deleteOperand(model.operandID, stepID: model.stepID, packageID: model.packageID, for: model.bus.caller(call.caller))
            return []
        }
    }

    /// `…SMS_Package` on the packages sequences reference.
    static let smsPackage = DBusInterface<SMSPackageModel>(InterfaceName.named("SMS_Package")) {
        DBusProperty("PackageID", String.self, emitsChangedSignal: .const) { model, _ in model.packageID }
        DBusProperty("Name", String.self) { model, context in try model.row(context).name }
        DBusProperty("Description", String.self) { model, context in try model.row(context).description }
        DBusProperty("Version", String.self) { model, context in try model.row(context).version }
        DBusProperty("Manufacturer", String.self) { model, context in try model.row(context).manufacturer }
        DBusProperty("Language", String.self) { model, context in try model.row(context).language }
        DBusProperty("PackageType", UInt32.self) { model, context in try model.row(context).packageType }
        DBusProperty("PkgSourcePath", String.self) { model, context in try model.row(context).pkgSourcePath }
        DBusProperty("SourceVersion", UInt32.self) { model, context in try model.row(context).sourceVersion }
        DBusProperty("SourceDate", String.self) { model, context in ValueConversion.cimDateTime(try model.row(context).sourceDate) }
        DBusMethod("Delete") { model, call in
            try model.bus.service.deleteSMSPackage(model.packageID, for: model.bus.caller(call.caller))
            return []
        }
    }
}

extension SMSPackageModel {
    func row(_ context: CallerContext) throws -> SMSPackageRow {
        try bus.service.smsPackage(packageID, for: bus.caller(context))
    }
}
