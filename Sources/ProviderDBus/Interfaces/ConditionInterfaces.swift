import DBusKit
import ProviderCore
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

    /// `…SMS_TaskSequence_Condition` on `/…/Steps/{StepID}/Condition`.
    static let condition = DBusInterface<StepModel>(InterfaceName.named("SMS_TaskSequence_Condition"), doc: """
        A step's condition, on …/Steps/{StepID}/Condition: a tree of expressions and operators whose top level \
        is AND-ed. Every step has this object, empty until the first operand is added; a step runs when its \
        condition holds. Editing needs Modify on the package.
        """) {
        DBusProperty("Operands", .array(.objectPath), doc: "The top-level operands, in order.") { model, context in
            operandPaths(model.packageID, model.stepID, try model.condition(context)?.operandIDs ?? [])
        }
        DBusProperty("Text", String.self, doc: "The condition as a person reads it, e.g. _SMSTSInWinPE equals \"false\"; empty when there is none.") { model, context in
            try model.condition(context)?.text ?? ""
        }
        DBusMethod(
            "AddExpression",
            inputs: [
                DBusArgument("parent", .objectPath, doc: "This condition's path (top level) or one of its operators."),
                DBusArgument("class_name", .string, doc: "An expression class, e.g. SMS_TaskSequence_VariableConditionExpression, _FileConditionExpression, _RegistryConditionExpression, _WMIConditionExpression."),
                DBusArgument("properties", .dictionary(key: .string, value: .variant), doc: "The expression class's properties (Variable, Operator, Value; Path; KeyPath…), checked against its schema."),
            ],
            outputs: [DBusArgument("expression", .objectPath, doc: "The new expression.")],
            doc: "Adds an expression under the condition or an operator."
        ) { model, call in
            let parent = try model.operandParentID(from: call.argument("parent", as: ObjectPath.self))
            let properties = try ValueConversion.textProperties(call.arguments[2], argument: "properties")
            let id = try model.bus.service.addExpression(
                className: call.argument("class_name", as: String.self), properties: properties, stepID: model.stepID,
                packageID: model.packageID, parentID: parent, for: model.bus.caller(call.caller))
            return [.objectPath(ProviderPath.path(of: .operand(packageID: model.packageID, stepID: model.stepID, operandID: id)))]
        }
        DBusMethod(
            "AddOperator",
            inputs: [DBusArgument("parent", .objectPath, doc: "This condition's path (top level) or one of its operators."),
                     DBusArgument("operator_type", .string, doc: "and, or or not.")],
            outputs: [DBusArgument("operator", .objectPath, doc: "The new operator.")],
            doc: "Adds an operator under the condition or another operator."
        ) { model, call in
            let parent = try model.operandParentID(from: call.argument("parent", as: ObjectPath.self))
            let id = try model.bus.service.addOperator(
                call.argument("operator_type", as: String.self), stepID: model.stepID, packageID: model.packageID,
                parentID: parent, for: model.bus.caller(call.caller))
            return [.objectPath(ProviderPath.path(of: .operand(packageID: model.packageID, stepID: model.stepID, operandID: id)))]
        }
        DBusMethod("Clear", doc: "Removes every operand: the step then always runs.") { model, call in
            try model.bus.service.clearCondition(stepID: model.stepID, packageID: model.packageID, for: model.bus.caller(call.caller))
            return []
        }
    }

    /// `…SMS_TaskSequence_ConditionExpression` on expressions.
    static let expression = DBusInterface<OperandModel>(InterfaceName.named("SMS_TaskSequence_ConditionExpression"), doc: """
        One test of a condition, on …/Condition/{OperandID}: a variable, file, folder, registry, WMI query, \
        software or operating system expression.
        """) {
        DBusProperty("ClassName", String.self, emitsChangedSignal: .const, doc: "The expression class, e.g. SMS_TaskSequence_VariableConditionExpression.") { model, context in try model.info(context).className }
        DBusProperty(
            "Properties", .dictionary(key: .string, value: .variant),
            doc: "The expression's properties by name; setting it replaces them, checked against the class's schema.",
            get: { model, context in
                .stringVariantDictionary(Dictionary(try model.info(context).properties.map { ($0.name, DBusValue.string($0.value)) }, uniquingKeysWith: { first, _ in first }))
            },
            set: { model, value, context in
                let properties = try ValueConversion.textProperties(value, argument: "Properties")
                try model.bus.service.updateOperand(model.operandID, stepID: model.stepID, packageID: model.packageID, properties: properties, for: model.bus.caller(context))
            }
        )
        DBusMethod("Delete", doc: "Removes this expression from its condition.") { model, call in
            try model.bus.service.deleteOperand(model.operandID, stepID: model.stepID, packageID: model.packageID, for: model.bus.caller(call.caller))
            return []
        }
    }

    /// `…SMS_TaskSequence_ConditionOperator` on operators (`and`, `or`, `not`, OS groups).
    static let conditionOperator = DBusInterface<OperandModel>(InterfaceName.named("SMS_TaskSequence_ConditionOperator"), doc: """
        An operator of a condition, on …/Condition/{OperandID}: and, or, not, or an operating system group, \
        with its operands below it.
        """) {
        DBusProperty(
            "OperatorType", .string, doc: "and, or or not (as written in the XML; operating system groups keep their own).",
            get: { model, context in .string(try model.info(context).operatorType) },
            set: { model, value, context in
                guard let text = ValueConversion.text(value) else { throw DBusError.invalidArgs("OperatorType takes a string") }
                try model.bus.service.updateOperand(model.operandID, stepID: model.stepID, packageID: model.packageID, operatorType: text, for: model.bus.caller(context))
            }
        )
        DBusProperty("Operands", .array(.objectPath), doc: "The operands below this operator, in order.") { model, context in
            operandPaths(model.packageID, model.stepID, try model.info(context).childIDs)
        }
        DBusMethod("Delete", doc: "Removes this operator and everything below it.") { model, call in
            try model.bus.service.deleteOperand(model.operandID, stepID: model.stepID, packageID: model.packageID, for: model.bus.caller(call.caller))
            return []
        }
    }

    /// `…SMS_Package` on the packages sequences reference.
    static let smsPackage = DBusInterface<SMSPackageModel>(InterfaceName.named("SMS_Package"), doc: """
        A package that sequences reference (boot image, operating system image, driver or software package), on \
        /org/tsprovider/Provider1/SMS_Package/{PackageID}. Created with CreateInstance; rights use ObjectKey 2.
        """) {
        DBusProperty("PackageID", String.self, emitsChangedSignal: .const, doc: "The key.") { model, _ in model.packageID }
        DBusProperty("Name", String.self, doc: "The package's name.") { model, context in try model.row(context).name }
        DBusProperty("Description", String.self, doc: "A description.") { model, context in try model.row(context).description }
        DBusProperty("Version", String.self, doc: "The package's version text.") { model, context in try model.row(context).version }
        DBusProperty("Manufacturer", String.self, doc: "Who made it.") { model, context in try model.row(context).manufacturer }
        DBusProperty("Language", String.self, doc: "Its language.") { model, context in try model.row(context).language }
        DBusProperty("PackageType", UInt32.self, doc: "0 regular, 3 driver, 257 image, 258 boot image, 259 operating system installer (SMS_PackageBaseclass).") { model, context in
            try model.row(context).packageType
        }
        DBusProperty("PkgSourcePath", String.self, doc: "Where the package's source files are.") { model, context in try model.row(context).pkgSourcePath }
        DBusProperty("SourceVersion", UInt32.self, doc: "Grows with every change.") { model, context in try model.row(context).sourceVersion }
        DBusProperty("SourceDate", String.self, doc: "When it last changed, as a CIM datetime.") { model, context in ValueConversion.cimDateTime(try model.row(context).sourceDate) }
        DBusMethod("Delete", doc: "Deletes the package and the rights entries on it; sequences that reference it then carry DANGLING_REF.") { model, call in
            try model.bus.service.deleteSMSPackage(model.packageID, for: model.bus.caller(call.caller))
            return []
        }
    }
}

extension SMSPackageModel {
    func row(_ context: CallerContext) throws -> SMSPackage {
        try bus.service.smsPackage(packageID, for: bus.caller(context))
    }
}
