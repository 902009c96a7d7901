/// A condition on steps, written as WQL for you (values quoted, LIKE patterns escaped).
/// Combine filters with `&&`, `||` and `!`.
///
/// ```swift
/// let applies = try client.steps(where: .name(like: "Apply%") && .isEnabled(true))
/// ```
public struct StepFilter: Sendable, Hashable {
    /// The WHERE clause this filter stands for.
    public let wql: String

    /// A filter from WQL text, for what the named filters do not cover.
    public init(wql: String) { self.wql = wql }

    /// Steps whose name matches a WQL LIKE pattern (`%` any text, `_` one character).
    public static func name(like pattern: String) -> StepFilter { StepFilter(wql: "Name LIKE \(ProviderClient.wqlString(pattern))") }
    /// Steps named exactly `name` (any case).
    public static func name(_ name: String) -> StepFilter { StepFilter(wql: "Name = \(ProviderClient.wqlString(name))") }
    /// Steps whose name contains `text` literally.
    public static func name(contains text: String) -> StepFilter { .contains("Name", text) }
    /// Steps that run (or are disabled, for `false`).
    public static func isEnabled(_ enabled: Bool) -> StepFilter { StepFilter(wql: "Enabled = \(enabled ? "TRUE" : "FALSE")") }
    /// Steps of one package.
    public static func package(_ packageID: String) -> StepFilter { StepFilter(wql: "PackageID = \(ProviderClient.wqlString(packageID))") }
    /// Steps that have a condition (or none, for `false`).
    public static func hasCondition(_ has: Bool = true) -> StepFilter { StepFilter(wql: "Condition IS \(has ? "NOT " : "")NULL") }
    /// Run Command Line steps whose command contains `text` literally.
    public static func commandLine(contains text: String) -> StepFilter { .contains("CommandLine", text) }
    /// Steps whose setting `property` equals `value` (any case).
    public static func setting(_ property: String, equals value: String) -> StepFilter {
        StepFilter(wql: "\(property) = \(ProviderClient.wqlString(value))")
    }
    /// Steps whose setting or property `property` contains `text` literally.
    public static func contains(_ property: String, _ text: String) -> StepFilter {
        StepFilter(wql: "\(property) LIKE \(ProviderClient.wqlString("%" + ProviderClient.wqlLikeLiteral(text) + "%"))")
    }

    /// Both filters.
    public static func && (lhs: StepFilter, rhs: StepFilter) -> StepFilter { StepFilter(wql: "(\(lhs.wql)) AND (\(rhs.wql))") }
    /// Either filter.
    public static func || (lhs: StepFilter, rhs: StepFilter) -> StepFilter { StepFilter(wql: "(\(lhs.wql)) OR (\(rhs.wql))") }
    /// Not the filter.
    public static prefix func ! (filter: StepFilter) -> StepFilter { StepFilter(wql: "NOT (\(filter.wql))") }
}

/// A condition on packages, written as WQL for you. Combine with `&&`, `||` and `!`.
public struct PackageFilter: Sendable, Hashable {
    /// The WHERE clause this filter stands for.
    public let wql: String

    /// A filter from WQL text.
    public init(wql: String) { self.wql = wql }

    /// Packages whose name matches a WQL LIKE pattern.
    public static func name(like pattern: String) -> PackageFilter { PackageFilter(wql: "Name LIKE \(ProviderClient.wqlString(pattern))") }
    /// Packages whose name contains `text` literally.
    public static func name(contains text: String) -> PackageFilter {
        PackageFilter(wql: "Name LIKE \(ProviderClient.wqlString("%" + ProviderClient.wqlLikeLiteral(text) + "%"))")
    }
    /// Packages whose property `property` equals `value` (text, any case).
    public static func property(_ property: String, equals value: String) -> PackageFilter {
        PackageFilter(wql: "\(property) = \(ProviderClient.wqlString(value))")
    }
    /// Packages whose steps reference the package `packageID`.
    public static func references(_ packageID: String) -> PackageFilter {
        PackageFilter(wql: "PackageID IN (SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = \(ProviderClient.wqlString(packageID)))")
    }

    /// Both filters.
    public static func && (lhs: PackageFilter, rhs: PackageFilter) -> PackageFilter { PackageFilter(wql: "(\(lhs.wql)) AND (\(rhs.wql))") }
    /// Either filter.
    public static func || (lhs: PackageFilter, rhs: PackageFilter) -> PackageFilter { PackageFilter(wql: "(\(lhs.wql)) OR (\(rhs.wql))") }
    /// Not the filter.
    public static prefix func ! (filter: PackageFilter) -> PackageFilter { PackageFilter(wql: "NOT (\(filter.wql))") }
}
