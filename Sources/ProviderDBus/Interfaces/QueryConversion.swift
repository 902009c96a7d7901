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

    /// One `ExecQuery` row: the selected properties plus `__CLASS`, `__RELPATH` and `__PATH`,
    /// keys in sorted order (a property named like one of those replaces it). Written as
    /// entries straight away: a query's reply holds one row per object found, and building a
    /// dictionary per row to sort it showed in the profile.
    static func row(_ row: QueryResult) -> DBusValue {
        var named: [(name: String, value: DBusValue)] = [
            ("__CLASS", .string(row.className)),
            ("__RELPATH", .string(row.relativePath)),
            ("__PATH", .objectPath(ProviderPath.path(of: row.reference))),
        ]
        named.reserveCapacity(row.properties.count + 3)
        for (name, value) in row.properties { named.append((name, Self.value(value))) }
        // By name, and for one name by when it was set: the last one set is kept.
        let order = named.indices.sorted { named[$0].name < named[$1].name || (named[$0].name == named[$1].name && $0 < $1) }
        var entries: [DBusDictionaryEntry] = []
        entries.reserveCapacity(named.count)
        for (position, index) in order.enumerated() {
            let isLastOfName = position + 1 == order.count || named[order[position + 1]].name != named[index].name
            if isLastOfName {
                entries.append(DBusDictionaryEntry(key: .string(named[index].name), value: .variant(named[index].value)))
            }
        }
        return .dictionary(key: .string, value: .variant, entries)
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
