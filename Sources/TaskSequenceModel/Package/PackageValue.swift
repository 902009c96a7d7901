/// The value of a package property the model keeps by name rather than as a field of its own
/// (see ``PackageProperties/value(of:)``), typed as its CIM type says.
public enum PackageValue: Sendable, Hashable, Codable {
    /// `string`.
    case text(String)
    /// `uint32`.
    case number(UInt32)
    /// `boolean`.
    case boolean(Bool)
    /// `datetime`, as seconds since 1970-01-01 UTC.
    case dateTime(Int64)
    /// `uint8[]`: Icon, ExtendedData, ISVData.
    case bytes([UInt8])
    /// `string[]`: SecuredScopeNames, LocalizedCategoryInstanceNames.
    case texts([String])
    /// An array of embedded objects: SupportedOperatingSystems (SMS_OS_Details),
    /// RefreshSchedule (SMS_ScheduleToken subclasses).
    case objects([EmbeddedInstance])
}

/// An embedded WMI object (`VALUE.OBJECT/INSTANCE` in CIM-XML): its class and its properties
/// in order, values as text.
public struct EmbeddedInstance: Sendable, Hashable, Codable {
    /// One property of the object; `nil` value is NULL.
    public struct Property: Sendable, Hashable, Codable {
        public var name: String
        /// The CIM type name (`string`, `uint32`, `boolean`, `datetime`).
        public var type: String
        public var value: String?

        public init(name: String, type: String = "string", value: String?) {
            self.name = name
            self.type = type
            self.value = value
        }
    }

    public var className: String
    public var properties: [Property]

    public init(className: String, properties: [Property]) {
        self.className = className
        self.properties = properties
    }

    /// The value of property `name` (case-insensitive), `nil` when absent or NULL.
    public subscript(name: String) -> String? {
        properties.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// One platform a task sequence may run on (SMS_OS_Details; every field a string).
public struct OperatingSystemDetails: Sendable, Hashable, Codable {
    public var maxVersion: String
    public var minVersion: String
    public var name: String
    public var platform: String

    public static let className = "SMS_OS_Details"

    public init(maxVersion: String, minVersion: String, name: String, platform: String) {
        self.maxVersion = maxVersion
        self.minVersion = minVersion
        self.name = name
        self.platform = platform
    }

    /// The platform read from an embedded SMS_OS_Details object.
    public init(_ instance: EmbeddedInstance) {
        self.init(maxVersion: instance["MaxVersion"] ?? "", minVersion: instance["MinVersion"] ?? "",
                  name: instance["Name"] ?? "", platform: instance["Platform"] ?? "")
    }

    /// The platform as an embedded object, properties in the order WMI lists them.
    public var instance: EmbeddedInstance {
        EmbeddedInstance(className: Self.className, properties: [
            .init(name: "MaxVersion", value: maxVersion), .init(name: "MinVersion", value: minVersion),
            .init(name: "Name", value: name), .init(name: "Platform", value: platform),
        ])
    }
}
