import DBusKit
import ProviderCore
import TaskSequenceModel

/// How query rows and class schemas travel on the bus.
enum QueryConversion {
    static func value(_ value: QueryValue) -> DBusValue {
        switch value {
        case .string(let text): .string(text)
        case .boolean(let flag): .boolean(flag)
        case .uint32(let number): .uint32(number)
        case .sint32(let number): .int32(number)
        case .int64(let number): .int64(number)
        case .dateTime: .string(value.description)
        }
    }

    /// One `ExecQuery` row: the selected properties plus `__CLASS`, `__RELPATH` and `__PATH`.
    static func row(_ row: QueryResult) -> DBusValue {
        var entries: [String: DBusValue] = [
            "__CLASS": .string(row.className),
            "__RELPATH": .string(row.relativePath),
            "__PATH": .objectPath(ProviderPath.path(of: row.reference)),
        ]
        for (name, value) in row.properties { entries[name] = Self.value(value) }
        return .stringVariantDictionary(entries)
    }

    static func qualifiers(_ qualifiers: [Qualifier]) -> DBusValue {
        var entries: [String: DBusValue] = [:]
        for qualifier in qualifiers {
            entries[qualifier.name] = switch qualifier.value {
            case nil: .boolean(true)
            case .string(let text)?: .string(text)
            case .integer(let number)?: .int64(number)
            case .strings(let texts)?: texts.dbusValue
            }
        }
        return .stringVariantDictionary(entries)
    }

    /// `GetClass`: `Name`, `Superclass`, `Derivation`, `Qualifiers`, `Properties` (each with
    /// `Name`, `Type` (CIM), `Origin`, `Qualifiers`, `Default` when there is one) and `Methods`
    /// (each with `Name`, `Static`, `Summary`, `In` and `Out` parameters: `Name`, `Type`, `Signature`).
    static func schema(_ schema: ClassSchema) -> DBusValue {
        let properties = schema.properties.map { property -> DBusValue in
            var entries: [String: DBusValue] = [
                "Name": .string(property.name), "Type": .string(property.cimType),
                "Origin": .string(property.origin), "Qualifiers": qualifiers(property.qualifiers),
            ]
            if let value = property.defaultValue { entries["Default"] = .string(value) }
            return .stringVariantDictionary(entries)
        }
        let parameters = { (list: [ClassSchema.Parameter]) -> DBusValue in
            .array(.dictionary(key: .string, value: .variant), list.map {
                .stringVariantDictionary(["Name": .string($0.name), "Type": .string($0.cimType), "Signature": .string($0.signature)])
            })
        }
        let methods = schema.methods.map { method -> DBusValue in
            .stringVariantDictionary([
                "Name": .string(method.name), "Static": .boolean(method.isStatic), "Summary": .string(method.summary),
                "In": parameters(method.inParameters), "Out": parameters(method.outParameters),
            ])
        }
        return .stringVariantDictionary([
            "Name": .string(schema.name), "Superclass": .string(schema.superclass), "Derivation": schema.derivation.dbusValue,
            "Qualifiers": qualifiers(schema.qualifiers),
            "Properties": .array(.dictionary(key: .string, value: .variant), properties),
            "Methods": .array(.dictionary(key: .string, value: .variant), methods),
        ])
    }
}
