import DBusKit
import ProviderCore
import TaskSequenceModel

/// Templates and their parameters as D-Bus values, and CreateFromTemplate's parameters from one.
enum TemplateConversion {
    /// A template: Name, Title, Description and Parameters (one a{sv} each).
    static func template(_ template: SequenceTemplate) -> DBusValue {
        .stringVariantDictionary([
            "Name": .string(template.name), "Title": .string(template.title), "Description": .string(template.summary),
            "Parameters": .array(.dictionary(key: .string, value: .variant), template.parameters.map(parameter)),
        ])
    }

    /// A parameter: Name, Type, Required, Secret, Multiple, Description; Default and Values when it has them.
    static func parameter(_ parameter: TemplateParameter) -> DBusValue {
        var entries: [String: DBusValue] = [
            "Name": .string(parameter.name), "Type": .string(parameter.kind.rawValue),
            "Required": .boolean(parameter.isRequired), "Secret": .boolean(parameter.isSecret),
            "Multiple": .boolean(parameter.isMultiple), "Description": .string(parameter.summary),
        ]
        if let value = parameter.defaultValue { entries["Default"] = .string(value) }
        if !parameter.allowedValues.isEmpty { entries["Values"] = .array(.string, parameter.allowedValues.map(DBusValue.string)) }
        return .stringVariantDictionary(entries)
    }

    /// CreateFromTemplate's `params`: each entry a string, number or boolean, or (for lists) an
    /// array of strings.
    static func values(_ value: DBusValue) throws -> [String: TemplateValue] {
        guard let entries = value.stringKeyedEntries else { throw DBusError.invalidArgs("params must be a{sv}") }
        var values: [String: TemplateValue] = [:]
        for (name, entry) in entries {
            if let text = ValueConversion.text(entry) {
                values[name] = .text(text)
            } else if case .array(_, let items) = entry.unwrappingVariant {
                values[name] = .list(try items.map { item in
                    guard let text = ValueConversion.text(item) else {
                        throw DBusError.invalidArgs("params['\(name)'] must hold strings, not \(item.unwrappingVariant.type.signature)")
                    }
                    return text
                })
            } else {
                throw DBusError.invalidArgs("params['\(name)'] must be a string, number, boolean or array of strings, not \(entry.unwrappingVariant.type.signature)")
            }
        }
        return values
    }
}
