import DBusKit

/// One row of a WQL query: the selected properties plus the system properties `__CLASS`,
/// `__RELPATH` and `__PATH`.
///
/// ```swift
/// for row in try client.query("SELECT PackageID, Name FROM SMS_TaskSequencePackage WHERE Name LIKE 'Win%'") {
///     print(row.relativePath, row["Name"]?.text ?? "")
/// }
/// ```
///
/// JSON: an object with the properties under their names, system properties included.
public struct QueryRow: Sendable, Hashable, Codable {
    /// `__CLASS`: the instance's class (queries are polymorphic, so it may be a subclass of the
    /// one queried).
    public var className: String
    /// `__RELPATH`: the WMI relative path (`SMS_TaskSequencePackage.PackageID="PS100004"`).
    public var relativePath: String
    /// `__PATH`: the instance's full path as the provider gives it.
    public var path: String
    /// The selected properties, in the order the provider sent them (system properties left out).
    public var properties: [(name: String, value: PropertyValue)] {
        names.compactMap { name in values[name].map { (name, $0) } }
    }

    private var names: [String]
    private var values: [String: PropertyValue]

    /// The names of the selected properties, in order.
    public var propertyNames: [String] { names }

    /// A property by name (any case); system properties too.
    public subscript(_ name: String) -> PropertyValue? {
        if let value = values[name] { return value }
        switch name.uppercased() {
        case "__CLASS": return .string(className)
        case "__RELPATH": return .string(relativePath)
        case "__PATH": return .string(path)
        default: return values.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    /// A row.
    public init(className: String, relativePath: String, path: String, properties: [(name: String, value: PropertyValue)]) {
        self.className = className
        self.relativePath = relativePath
        self.path = path
        names = []
        values = [:]
        for (name, value) in properties where values[name] == nil {
            names.append(name)
            values[name] = value
        }
    }

    init(_ properties: OrderedProperties) {
        let system: Set<String> = ["__CLASS", "__RELPATH", "__PATH"]
        self.init(
            className: properties.string("__CLASS"), relativePath: properties.string("__RELPATH"), path: properties.string("__PATH"),
            properties: properties.propertyValues.filter { !system.contains($0.name.uppercased()) })
    }

    /// Rows are equal when their system properties and property values are.
    public static func == (lhs: QueryRow, rhs: QueryRow) -> Bool {
        lhs.className == rhs.className && lhs.relativePath == rhs.relativePath && lhs.path == rhs.path && lhs.names == rhs.names && lhs.values == rhs.values
    }

    /// Hashes the relative path.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(relativePath)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// One JSON object: the properties and `__CLASS`, `__RELPATH`, `__PATH`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(className, forKey: Key(stringValue: "__CLASS"))
        try container.encode(relativePath, forKey: Key(stringValue: "__RELPATH"))
        try container.encode(path, forKey: Key(stringValue: "__PATH"))
        for (name, value) in properties { try container.encode(value, forKey: Key(stringValue: name)) }
    }

    /// Decodes what ``encode(to:)`` wrote (property order becomes name order).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var properties: [(String, PropertyValue)] = []
        var system: [String: String] = [:]
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            if key.stringValue.hasPrefix("__") {
                system[key.stringValue] = try container.decode(String.self, forKey: key)
            } else {
                properties.append((key.stringValue, try container.decode(PropertyValue.self, forKey: key)))
            }
        }
        self.init(className: system["__CLASS"] ?? "", relativePath: system["__RELPATH"] ?? "", path: system["__PATH"] ?? "", properties: properties)
    }
}

extension ProviderClient {
    /// Runs a WQL query (`SELECT * | prop[, prop] | DISTINCT prop[, prop] | COUNT(*) FROM Class
    /// [WHERE …] [ORDER BY …]`, `IN` taking literals or a subquery) and returns the rows you may
    /// read. `COUNT(*)` returns one row whose `Count` is the number of rows. Lazy properties
    /// (`Sequence`, `References`) are not returned by queries; read them from the object.
    ///
    /// ```swift
    /// let users = try client.query("SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = 'PS100002'")
    /// let count = try client.query("SELECT COUNT(*) FROM SMS_TaskSequence_Step").first?["Count"]
    /// ```
    ///
    /// - Throws: `ProviderError.invalidQuery(_:)` naming the offending token;
    ///   `ProviderError.notSupported(_:)` when the daemon does not serve `ExecQuery`.
    public func query(_ wql: String) throws -> [QueryRow] {
        let reply: [DBusValue]
        do {
            reply = try call(ProviderPaths.root, ProviderInterface.root, "ExecQuery", [.string(wql)], timeout: options.transferTimeout)
        } catch ProviderError.notSupported(let message) {
            throw ProviderError.notSupported("the provider does not serve ExecQuery yet (\(message))")
        }
        guard case .array(_, let rows)? = reply.first?.unwrappingVariant else { return [] }
        return rows.map { QueryRow(OrderedProperties($0)) }
    }
}
