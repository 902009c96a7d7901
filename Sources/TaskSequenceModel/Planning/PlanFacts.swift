/// The kinds of fact a plan takes, by key prefix.
///
/// | Key | Values |
/// |---|---|
/// | `file:PATH` | `missing`, `exists`, `exists;version=10.0.1;modified=20240101000000.000000+000` |
/// | `folder:PATH` | `missing`, `exists`, `exists;modified=…` |
/// | `registry:KEY` | `exists`, `missing` (the key) |
/// | `registry:KEY\|VALUENAME` | `REG_SZ:data` (type and data), `missing` (the value), `key-missing` |
/// | `software:PRODUCTCODE` | `installed`, `missing` |
/// | `software-family:UPGRADECODE` | `installed`, `missing` |
/// | `wmi:NAMESPACE:QUERY` | `rows`, `none` |
/// | `expression:TEXT` | `true`, `false` (any other expression, by the text the plan prints) |
///
/// Keys compare without regard to case, as Windows paths and WQL do. Paths and queries are
/// written with `%Variable%` references expanded.
public enum PlanFactKind: String, Sendable, CaseIterable {
    case file
    case folder
    case registry
    case software
    case softwareFamily = "software-family"
    case wmi
    case expression

    /// What the values of this kind look like, for messages.
    var expectedValues: String {
        switch self {
        case .file: "missing, exists or exists;version=V;modified=CIMDATE"
        case .folder: "missing, exists or exists;modified=CIMDATE"
        case .registry: "exists or missing for a key, TYPE:DATA (REG_SZ:x), missing or key-missing for KEY|VALUENAME"
        case .software, .softwareFamily: "installed or missing"
        case .wmi: "rows or none"
        case .expression: "true or false"
        }
    }

    /// The kind named by `key`'s prefix. `software-family:` is checked before `software:`.
    static func of(key: String) -> PlanFactKind? {
        let lowered = key.lowercased()
        return allCases.sorted { $0.rawValue.count > $1.rawValue.count }.first { lowered.hasPrefix($0.rawValue + ":") }
    }
}

/// Facts about the machine a plan is for, given by the user as `KEY=VALUE` (see
/// ``PlanFactKind`` for the keys); what they do not say stays unknown.
public struct PlanFacts: MachineFacts {
    private var files: [String: FileFacts] = [:]
    private var folders: [String: FolderFacts] = [:]
    private var registryKeys: [String: Bool] = [:]
    private var registryValues: [String: RegistryFacts] = [:]
    private var products: [String: Bool] = [:]
    private var families: [String: Bool] = [:]
    private var queries: [String: Bool] = [:]
    private var expressions: [String: Bool] = [:]

    /// No facts: every machine expression is unknown.
    public init() {}

    /// Reads `facts` (key → value); the first one that does not read is thrown.
    public init(_ facts: [String: String]) throws(PlanningError) {
        for (key, value) in facts.sorted(by: { $0.key < $1.key }) { try add(key: key, value: value) }
    }

    /// Splits `KEY=VALUE` at the first `=` after which the value reads for the key's kind, so
    /// keys holding `=` (WQL queries) and registry data holding `=` both work.
    public static func assignment(_ text: String) throws(PlanningError) -> (key: String, value: String) {
        var probe = PlanFacts()
        var index = text.startIndex
        while let equals = text[index...].firstIndex(of: "=") {
            let key = String(text[..<equals]), value = String(text[text.index(after: equals)...])
            if (try? probe.add(key: key, value: value)) != nil { return (key, value) }
            index = text.index(after: equals)
        }
        if let equals = text.firstIndex(of: "="), PlanFactKind.of(key: String(text[..<equals])) == nil {
            throw .unknownFactKind(key: String(text[..<equals]))
        }
        throw .badFactAssignment(text)
    }

    /// Adds one fact; throws when the key or value does not read.
    public mutating func add(key: String, value: String) throws(PlanningError) {
        guard let kind = PlanFactKind.of(key: key) else { throw .unknownFactKind(key: key) }
        let subject = String(key.dropFirst(kind.rawValue.count + 1))
        let lowered = subject.lowercased()
        let word = String(value.trimmingSpaces).lowercased()
        let bad = PlanningError.badFactValue(key: key, value: value, expected: kind.expectedValues)
        switch kind {
        case .file:
            guard let parts = Self.existence(value, allowing: ["version", "modified"]) else { throw bad }
            files[lowered] = parts.exists ? FileFacts(exists: true, version: parts.details["version"], modified: parts.details["modified"]) : .missing
        case .folder:
            guard let parts = Self.existence(value, allowing: ["modified"]) else { throw bad }
            folders[lowered] = parts.exists ? FolderFacts(exists: true, modified: parts.details["modified"]) : .missing
        case .registry:
            if subject.contains("|") {
                switch word {
                case "missing": registryValues[lowered] = .valueMissing
                case "key-missing": registryValues[lowered] = .keyMissing
                default:
                    guard let colon = value.firstIndex(of: ":"), value[..<colon].uppercased().hasPrefix("REG_") else { throw bad }
                    registryValues[lowered] = .value(type: String(value[..<colon]).uppercased(), data: String(value[value.index(after: colon)...]))
                }
            } else {
                switch word {
                case "exists": registryKeys[lowered] = true
                case "missing": registryKeys[lowered] = false
                default: throw bad
                }
            }
        case .software, .softwareFamily:
            guard let installed = ["installed": true, "missing": false][word] else { throw bad }
            if kind == .software { products[lowered] = installed } else { families[lowered] = installed }
        case .wmi:
            guard subject.contains(":"), let rows = ["rows": true, "none": false][word] else { throw bad }
            queries[lowered] = rows
        case .expression:
            guard let truth = ["true": true, "false": false][word] else { throw bad }
            expressions[lowered] = truth
        }
    }

    /// `exists` or `missing`, then `;name=value` details for an existing object.
    private static func existence(_ value: String, allowing names: Set<String>) -> (exists: Bool, details: [String: String])? {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false).map { String(String($0).trimmingSpaces) }
        guard let head = parts.first?.lowercased() else { return nil }
        if head == "missing" { return parts.count == 1 ? (false, [:]) : nil }
        guard head == "exists" else { return nil }
        var details: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "="), names.contains(part[..<equals].lowercased()) else { return nil }
            details[part[..<equals].lowercased()] = String(part[part.index(after: equals)...])
        }
        return (true, details)
    }

    public func file(atPath path: String) -> FileFacts? { files[path.lowercased()] }
    public func folder(atPath path: String) -> FolderFacts? { folders[path.lowercased()] }

    public func registry(keyPath: String, valueName: String) -> RegistryFacts? {
        let key = keyPath.lowercased()
        if !valueName.isEmpty, let fact = registryValues[key + "|" + valueName.lowercased()] { return fact }
        switch registryKeys[key] {
        case false?: return .keyMissing
        case true? where valueName.isEmpty: return .valueMissing
        default: return nil
        }
    }

    public func isProductInstalled(productCode: String) -> Bool? { products[productCode.lowercased()] }
    public func isProductFamilyInstalled(upgradeCode: String) -> Bool? { families[upgradeCode.lowercased()] }
    public func wmiQueryReturnsRows(namespace: String, query: String) -> Bool? { queries[(namespace + ":" + query).lowercased()] }

    public func evaluate(_ expression: ConditionExpression, in environment: VariableEnvironment) -> Evaluation {
        expressions[expression.text.lowercased()].map(Evaluation.init) ?? .unknown
    }
}
