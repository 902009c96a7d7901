import DBusKit
import TaskSequenceModel

/// Conversions between D-Bus values and the text the object model stores.
enum ValueConversion {
    /// The text a basic value stands for (`true`, `42`, the string itself); `nil` for
    /// containers, which no task sequence property holds.
    static func text(_ value: DBusValue) -> String? {
        switch value.unwrappingVariant {
        case .string(let text): text
        case .boolean(let flag): flag ? "true" : "false"
        case .byte(let number): String(number)
        case .int16(let number): String(number)
        case .uint16(let number): String(number)
        case .int32(let number): String(number)
        case .uint32(let number): String(number)
        case .int64(let number): String(number)
        case .uint64(let number): String(number)
        case .double(let number): String(number)
        case .objectPath(let path): path.rawValue
        default: nil
        }
    }

    /// An `a{sv}` argument as property → text, naming the first entry that is not a basic value.
    static func textProperties(_ value: DBusValue, argument: String) throws -> [(name: String, value: String)] {
        guard let entries = value.stringKeyedEntries else {
            throw DBusError.invalidArgs("\(argument) must be a{sv}")
        }
        return try entries.sorted { $0.key < $1.key }.map { name, value in
            guard let text = text(value) else {
                throw DBusError.invalidArgs("\(argument)['\(name)'] must be a string, number or boolean, not \(value.unwrappingVariant.type.signature)")
            }
            return (name, text)
        }
    }

    /// A stored property value as the D-Bus type its CIM type suggests; text that does not fit
    /// the type (real files carry such values) stays a string rather than being lost.
    static func value(_ text: String, cimType: CIMType?) -> DBusValue {
        switch cimType?.base {
        case .boolean?: if let flag = Bool(caseInsensitiveText: text) { return .boolean(flag) }
        case .uint32?: if let number = UInt32(text) { return .uint32(number) }
        case .sint32?: if let number = Int32(text) { return .int32(number) }
        default: break
        }
        return .string(text)
    }

    /// CIM datetime (`yyyymmddHHMMSS.000000+000`), as WMI shows dates; empty for "never".
    static func cimDateTime(_ secondsSinceEpoch: Int64) -> String {
        CIMDateTime.wireText(fromSeconds: secondsSinceEpoch)
    }
}

extension Bool {
    init?(caseInsensitiveText text: String) {
        switch text.lowercased() {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
}

