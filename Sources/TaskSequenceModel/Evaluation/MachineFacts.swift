/// What the machine a sequence would run on looks like, for the condition expressions that test
/// it: files, folders, registry values, installed software and WMI queries.
///
/// Every requirement has a default that knows nothing (`nil`), which makes the expression
/// ``Evaluation/unknown``; implement only what you can answer. Paths and queries arrive with
/// `%Variable%` references already expanded.
public protocol MachineFacts: Sendable {
    /// The file at `path`, or `nil` when unknown.
    func file(atPath path: String) -> FileFacts?
    /// The folder at `path`, or `nil` when unknown.
    func folder(atPath path: String) -> FolderFacts?
    /// The registry value `valueName` of key `keyPath` (e.g. `HKEY_LOCAL_MACHINE\SOFTWARE\X`);
    /// an empty `valueName` asks about the key. `nil` when unknown.
    func registry(keyPath: String, valueName: String) -> RegistryFacts?
    /// Whether the MSI product with this ProductCode is installed; `nil` when unknown.
    func isProductInstalled(productCode: String) -> Bool?
    /// Whether any version of the MSI product family with this UpgradeCode is installed; `nil`
    /// when unknown.
    func isProductFamilyInstalled(upgradeCode: String) -> Bool?
    /// Whether the WQL query returns at least one row; `nil` when unknown.
    func wmiQueryReturnsRows(namespace: String, query: String) -> Bool?
    /// Any other expression (the legacy OS expression, custom classes); ``Evaluation/unknown``
    /// unless you know better.
    func evaluate(_ expression: ConditionExpression, in environment: VariableEnvironment) -> Evaluation
}

extension MachineFacts {
    public func file(atPath path: String) -> FileFacts? { nil }
    public func folder(atPath path: String) -> FolderFacts? { nil }
    public func registry(keyPath: String, valueName: String) -> RegistryFacts? { nil }
    public func isProductInstalled(productCode: String) -> Bool? { nil }
    public func isProductFamilyInstalled(upgradeCode: String) -> Bool? { nil }
    public func wmiQueryReturnsRows(namespace: String, query: String) -> Bool? { nil }
    public func evaluate(_ expression: ConditionExpression, in environment: VariableEnvironment) -> Evaluation { .unknown }
}

/// Facts about no machine: every machine expression is unknown.
public struct NoMachineFacts: MachineFacts {
    public init() {}
}

/// A file, as File condition expressions see it.
public struct FileFacts: Sendable, Hashable {
    public var exists: Bool
    /// The file version (`10.0.19041.1`), if it has one.
    public var version: String?
    /// The last-modified time as a CIM datetime (`20230115103000.000000+000`).
    public var modified: String?

    public init(exists: Bool, version: String? = nil, modified: String? = nil) {
        self.exists = exists
        self.version = version
        self.modified = modified
    }

    public static let missing = FileFacts(exists: false)
}

/// A folder, as Folder condition expressions see it.
public struct FolderFacts: Sendable, Hashable {
    public var exists: Bool
    /// The last-modified time as a CIM datetime.
    public var modified: String?

    public init(exists: Bool, modified: String? = nil) {
        self.exists = exists
        self.modified = modified
    }

    public static let missing = FolderFacts(exists: false)
}

/// A registry value, as Registry condition expressions see it.
public enum RegistryFacts: Sendable, Hashable {
    /// The key does not exist.
    case keyMissing
    /// The key exists but the value does not (for an empty value name: the key exists).
    case valueMissing
    /// The value exists with this type (`REG_SZ`, `REG_DWORD` …) and data as text.
    case value(type: String, data: String)
}
