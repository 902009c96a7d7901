internal import TaskSequenceModel
/// When a step runs: a small tree of tests joined by `and`, `or` and `not`, built the way the
/// console's "Options" tab builds it, and applied with ``StepHandle/setCondition(_:)``,
/// ``ConditionHandle/add(_:into:)`` or the `condition:` argument of
/// ``StepParent/addStep(_:named:description:isEnabled:continuesOnError:condition:at:)``.
///
/// ```swift
/// let condition: StepCondition = .and([
///     .variable("_SMSTSInWinPE", .equals, "false"),
///     .or([
///         .file(#"%windir%\system32\ntoskrnl.exe"#, version: (.greaterEqual, "10.0.22000.0")),
///         .registry(#"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso"#, .exists),
///     ]),
///     .not([.wmi(query: "SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Virtual%'")]),
/// ])
/// ```
///
/// A condition's top-level tests must all hold, so a top-level ``and(_:)`` adds its parts
/// directly, as the console does; `and`, `or` and `not` further down become operators.
public indirect enum StepCondition: Sendable, Hashable {
    /// One test: a condition expression class and its properties by WMI name, in order.
    case expression(className: String, properties: [ConditionProperty])
    /// All of these hold (an `and` operator).
    case and([StepCondition])
    /// At least one of these holds (an `or` operator).
    case or([StepCondition])
    /// None of these holds (a `not` operator, "if none of the conditions are true").
    case not([StepCondition])

    // MARK: Tests

    /// A task sequence variable test (`SMS_TaskSequence_VariableConditionExpression`).
    ///
    /// `.variable("_SMSTSInWinPE", .equals, "false")`; `.variable("OSDComputerName", .exists)`.
    public static func variable(_ name: String, _ comparison: Comparison, _ value: String? = nil) -> StepCondition {
        var properties = [ConditionProperty("Variable", name), ConditionProperty("Operator", comparison.rawValue)]
        if let value { properties.append(ConditionProperty("Value", value)) }
        return .expression(className: ConditionClass.variable, properties: properties)
    }

    /// A file test (`SMS_TaskSequence_FileConditionExpression`): the file exists, and optionally
    /// its version and time stamp compare as given. Dates are CIM datetimes
    /// (`20240131000000.000000+000`).
    public static func file(_ path: String, version: (Comparison, String)? = nil, dateTime: (Comparison, String)? = nil) -> StepCondition {
        var properties = [ConditionProperty("Path", path)]
        if let version {
            properties.append(ConditionProperty("Version", version.1))
            properties.append(ConditionProperty("VersionOperator", version.0.rawValue))
        }
        if let dateTime {
            properties.append(ConditionProperty("DateTime", dateTime.1))
            properties.append(ConditionProperty("DateTimeOperator", dateTime.0.rawValue))
        }
        return .expression(className: ConditionClass.file, properties: properties)
    }

    /// A folder test (`SMS_TaskSequence_FolderConditionExpression`): the folder exists, and
    /// optionally its time stamp compares as given.
    public static func folder(_ path: String, dateTime: (Comparison, String)? = nil) -> StepCondition {
        var properties = [ConditionProperty("Path", path)]
        if let dateTime {
            properties.append(ConditionProperty("DateTime", dateTime.1))
            properties.append(ConditionProperty("DateTimeOperator", dateTime.0.rawValue))
        }
        return .expression(className: ConditionClass.folder, properties: properties)
    }

    /// A registry test (`SMS_TaskSequence_RegistryConditionExpression`): a key or value
    /// exists, does not exist, or its data compares as given.
    ///
    /// - Parameters:
    ///   - keyPath: the key, starting with the hive (`HKEY_LOCAL_MACHINE\SOFTWARE\Contoso`).
    ///   - comparison: `Comparison.exists`, `Comparison.notExists` or a comparison of the data.
    ///   - valueName: the value within the key; `nil` tests the key.
    ///   - type: the value's type (`REG_SZ`, `REG_DWORD` …).
    ///   - data: the data to compare with.
    public static func registry(
        _ keyPath: String, _ comparison: Comparison, valueName: String? = nil, type: String? = nil, data: String? = nil
    ) -> StepCondition {
        var properties = [ConditionProperty("KeyPath", keyPath), ConditionProperty("Operator", comparison.registrySpelling)]
        if let valueName { properties.append(ConditionProperty("Value", valueName)) }
        if let type { properties.append(ConditionProperty("Type", type)) }
        if let data { properties.append(ConditionProperty("Data", data)) }
        return .expression(className: ConditionClass.registry, properties: properties)
    }

    /// A WMI query test (`SMS_TaskSequence_WMIConditionExpression`): the query returns at least
    /// one instance.
    public static func wmi(namespace: String = #"root\cimv2"#, query: String) -> StepCondition {
        .expression(className: ConditionClass.wmi, properties: [ConditionProperty("Namespace", namespace), ConditionProperty("Query", query)])
    }

    /// An installed-software test (`SMS_TaskSequence_SoftwareConditionExpression`): the MSI
    /// product (any version of its family, or exactly this one) is installed.
    public static func software(
        productCode: String, _ match: SoftwareMatch = .anyVersion, upgradeCode: String? = nil, productName: String? = nil, version: String? = nil
    ) -> StepCondition {
        var properties = [ConditionProperty("Operator", match.rawValue), ConditionProperty("ProductCode", productCode)]
        if let upgradeCode { properties.append(ConditionProperty("UpgradeCode", upgradeCode)) }
        if let productName { properties.append(ConditionProperty("ProductName", productName)) }
        if let version { properties.append(ConditionProperty("Version", version)) }
        return .expression(className: ConditionClass.software, properties: properties)
    }

    /// An operating system test: the running Windows is one of `platforms`.
    ///
    /// The provider creates only `and`/`or`/`not` operators, not the console's
    /// `OSConditionGroup` objects (those are kept as written when a file has them), so this is
    /// an `or` of WMI queries on `Win32_OperatingSystem` — the same test, spelled out.
    public static func operatingSystem(_ platforms: [OSPlatform]) -> StepCondition {
        let tests = platforms.map { StepCondition.wmi(query: $0.query) }
        return tests.count == 1 ? tests[0] : .or(tests)
    }

    /// The tests of this condition in readable form, like the condition's `Text`
    /// (`_SMSTSInWinPE equals "false" and (…)`): for logs and messages.
    public var summary: String {
        switch self {
        case .expression(let className, let properties):
            let name = className.replacingOccurrences(of: "SMS_TaskSequence_", with: "").replacingOccurrences(of: "ConditionExpression", with: "")
            return "\(name)(" + properties.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") + ")"
        case .and(let parts): return "(" + parts.map(\.summary).joined(separator: " and ") + ")"
        case .or(let parts): return "(" + parts.map(\.summary).joined(separator: " or ") + ")"
        case .not(let parts): return "not (" + parts.map(\.summary).joined(separator: " or ") + ")"
        }
    }
}

/// One property of a condition expression, by WMI name.
public struct ConditionProperty: Sendable, Hashable, Codable {
    /// The WMI property name (`Variable`, `Operator`, `Value` …).
    public var name: String
    /// Its value as text.
    public var value: String

    /// A property.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A Windows version and edition for ``StepCondition/operatingSystem(_:)``.
public struct OSPlatform: Sendable, Hashable {
    /// The version prefix `Win32_OperatingSystem.Version` starts with (`10.0.2`).
    public var versionPrefix: String
    /// `Win32_OperatingSystem.ProductType`: 1 workstation, 2 domain controller, 3 server;
    /// `nil` for any.
    public var productType: Int?
    /// `Win32_OperatingSystem.OSArchitecture` (`64-bit`); `nil` for any.
    public var architecture: String?

    /// A platform.
    public init(versionPrefix: String, productType: Int? = nil, architecture: String? = nil) {
        self.versionPrefix = versionPrefix
        self.productType = productType
        self.architecture = architecture
    }

    /// Windows 10 (`10.0.1`…, workstation), 64-bit.
    public static let windows10x64 = OSPlatform(versionPrefix: "10.0.1", productType: 1, architecture: "64-bit")
    /// Windows 11 (`10.0.2`…, workstation), 64-bit.
    public static let windows11x64 = OSPlatform(versionPrefix: "10.0.2", productType: 1, architecture: "64-bit")
    /// Windows Server 2019 and later (`10.0.17763`…, server).
    public static let windowsServer2019OrLater = OSPlatform(versionPrefix: "10.0.", productType: 3)

    var query: String {
        var clauses = ["Version LIKE '\(versionPrefix.replacingOccurrences(of: "'", with: "''"))%'"]
        if let productType { clauses.append("ProductType = \(productType)") }
        if let architecture { clauses.append("OSArchitecture = '\(architecture.replacingOccurrences(of: "'", with: "''"))'") }
        return "SELECT * FROM Win32_OperatingSystem WHERE " + clauses.joined(separator: " AND ")
    }
}
