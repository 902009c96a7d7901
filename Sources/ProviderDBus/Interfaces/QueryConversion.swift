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

    /// `ExecQuery`'s rows, each the selected properties plus `__CLASS`, `__RELPATH` and
    /// `__PATH`, keys in sorted order (a property named like one of those replaces it). Rows
    /// are written as entries straight away, and the rows of one query name the same
    /// properties: the key order is worked out once and reused while the names stay the same
    /// (sorting names and building a dictionary per row showed in the profile).
    static func rows(_ results: [QueryResult]) -> DBusValue {
        var rows: [DBusValue] = []
        rows.reserveCapacity(results.count)
        var layout: RowLayout?
        for result in results {
            let current = layout.flatMap { $0.fits(result) ? $0 : nil } ?? RowLayout(result)
            rows.append(current.row(result))
            layout = current
        }
        return .array(.dictionary(key: .string, value: .variant), rows)
    }

    /// Which value goes under which key, in key order, for rows naming the same properties.
    private struct RowLayout {
        static let fixedNames = ["__CLASS", "__RELPATH", "__PATH"]

        let propertyNames: [String]
        /// Keys in sorted order with the position of their value: 0–2 the fixed keys, then
        /// `3 + i` for property `i`.
        let slots: [(key: DBusValue, position: Int)]

        init(_ result: QueryResult) {
            propertyNames = result.properties.map(\.name)
            let names = Self.fixedNames + propertyNames
            // By name, and for one name by when it was set: the last one set is kept.
            let order = names.indices.sorted { names[$0] < names[$1] || (names[$0] == names[$1] && $0 < $1) }
            var slots: [(key: DBusValue, position: Int)] = []
            slots.reserveCapacity(order.count)
            for (rank, position) in order.enumerated()
            where rank + 1 == order.count || names[order[rank + 1]] != names[position] {
                slots.append((.string(names[position]), position))
            }
            self.slots = slots
        }

        func fits(_ result: QueryResult) -> Bool {
            result.properties.count == propertyNames.count
                && zip(result.properties, propertyNames).allSatisfy { $0.name == $1 }
        }

        func row(_ result: QueryResult) -> DBusValue {
            var entries: [DBusDictionaryEntry] = []
            entries.reserveCapacity(slots.count)
            for slot in slots {
                let value: DBusValue = switch slot.position {
                case 0: .string(result.className)
                case 1: .string(result.relativePath)
                case 2: .objectPath(ProviderPath.path(of: result.reference))
                default: QueryConversion.value(result.properties[slot.position - 3].value)
                }
                entries.append(DBusDictionaryEntry(key: slot.key, value: .variant(value)))
            }
            return .dictionary(key: .string, value: .variant, entries)
        }
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
