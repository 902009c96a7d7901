/// The CIM data type of a WMI property, as the SDK pages print it (`String`, `UInt32`,
/// `SMS_TaskSequence_PartitionSettings` array …).
///
/// Task sequence XML stores every value as text; the type says how that text must read
/// (`true`/`false` for booleans, decimal digits for integers) and how arrays are flattened into
/// numbered variables (`Partitions0Type`, with the element count under `Partitions`).
public struct CIMType: Sendable, Hashable, CustomStringConvertible {
    /// The type of one value.
    public enum Base: Sendable, Hashable {
        case string
        case boolean
        case uint8
        case uint32
        case sint32
        case datetime
        /// An embedded object of the named class.
        case object(String)
    }

    public var base: Base
    public var isArray: Bool

    public init(_ base: Base, isArray: Bool = false) {
        self.base = base
        self.isArray = isArray
    }

    public static let string = CIMType(.string)
    public static let boolean = CIMType(.boolean)
    public static let uint32 = CIMType(.uint32)
    public static let sint32 = CIMType(.sint32)
    public static let datetime = CIMType(.datetime)

    /// An array of `base` values.
    public static func array(of base: Base) -> CIMType { CIMType(base, isArray: true) }
    /// One embedded object of class `className`.
    public static func object(_ className: String) -> CIMType { CIMType(.object(className)) }

    /// The embedded class for object and object-array types.
    public var objectClassName: String? {
        if case .object(let name) = base { name } else { nil }
    }

    /// Whether values of this type are whole numbers.
    public var isInteger: Bool {
        switch base {
        case .uint8, .uint32, .sint32: true
        default: false
        }
    }

    /// The MOF spelling: `string`, `uint32`, `boolean[]`, `object:SMS_TaskSequence_PartitionSettings[]`.
    public var description: String {
        let name = switch base {
        case .string: "string"
        case .boolean: "boolean"
        case .uint8: "uint8"
        case .uint32: "uint32"
        case .sint32: "sint32"
        case .datetime: "datetime"
        case .object(let className): "object:\(className)"
        }
        return isArray ? name + "[]" : name
    }

    /// Whether `text` is a well-formed value of this (scalar) type.
    ///
    /// Booleans accept any case (`True` is common in MDT files); integers must be decimal digits
    /// within the type's range. Strings, datetimes and objects accept anything.
    public func accepts(_ text: String) -> Bool {
        switch base {
        case .boolean: return Bool(caseInsensitive: text) != nil
        case .uint8: return UInt8(text) != nil
        case .uint32: return UInt32(text) != nil
        case .sint32: return Int32(text) != nil
        case .string, .datetime, .object: return true
        }
    }
}

extension Bool {
    /// `true`/`false` in any case, as the task sequence engine reads them.
    package init?(caseInsensitive text: String) {
        switch text.lowercased() {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
}
