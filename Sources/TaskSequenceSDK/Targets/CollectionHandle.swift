import DBusKit

/// A collection on the provider, by CollectionID. Making one asks nothing of the provider.
///
/// ```swift
/// let lab = try client.createCollection(named: "Lab")
/// try lab.addDirectRules(["PC-042"])
/// _ = try lab.addQueryRule("SELECT * FROM SMS_R_System WHERE Name LIKE 'LAB-%'")
/// for member in try lab.members() { print(member.name) }
/// ```
public struct CollectionHandle: Sendable {
    /// The client calls go through.
    public let client: ProviderClient
    /// The CollectionID.
    public let id: String

    /// A handle for `id`.
    public init(client: ProviderClient, id: String) {
        self.client = client
        self.id = id
    }

    var path: ObjectPath { ProviderPaths.collection(id) }

    /// The collection's object path on the bus.
    public var objectPath: String { path.rawValue }

    /// The WMI relative path, `SMS_Collection.CollectionID="PS100001"`.
    public var relativePath: String { "\(ClassName.collection).CollectionID=\"\(id)\"" }

    /// Every property, in one call.
    public func info() throws -> CollectionInfo {
        CollectionInfo(try client.properties(of: ProviderInterface.collection, at: path))
    }

    /// The computers in it now, by ResourceID.
    public func members() throws -> [CollectionMemberInfo] {
        let reply = try client.call(path, ProviderInterface.collection, "GetMembers")
        guard case .array(_, let entries)? = reply.first else { return [] }
        return entries.compactMap(CollectionMemberInfo.init)
    }

    /// Its membership rules: direct rules by ResourceID, then query rules.
    public func rules() throws -> [CollectionRuleInfo] {
        let reply = try client.call(path, ProviderInterface.collection, "GetRules")
        guard case .array(_, let entries)? = reply.first else { return [] }
        return entries.compactMap(CollectionRuleInfo.init)
    }

    /// Adds a direct rule for each computer (by name or ResourceID), in one change.
    public func addDirectRules(_ computers: [String]) throws {
        _ = try client.call(path, ProviderInterface.collection, "AddDirectRules", [.array(.string, computers.map(DBusValue.string))])
    }

    /// Removes the direct rule naming a computer.
    public func deleteDirectRule(_ computer: String) throws {
        _ = try client.call(path, ProviderInterface.collection, "DeleteDirectRule", [.string(computer)])
    }

    /// Adds a query rule (`SELECT * FROM SMS_R_System WHERE …`) and returns its QueryID.
    ///
    /// - Throws: `ProviderError.invalidQuery(_:)` for a query that does not parse or does not
    ///   select computers.
    public func addQueryRule(_ query: String, named ruleName: String = "") throws -> UInt32 {
        let reply = try client.call(path, ProviderInterface.collection, "AddQueryRule", [.string(ruleName), .string(query)])
        if case .uint32(let id)? = reply.first { return id }
        return 0
    }

    /// Removes a query rule.
    public func deleteQueryRule(_ queryID: UInt32) throws {
        _ = try client.call(path, ProviderInterface.collection, "DeleteQueryRule", [.uint32(queryID)])
    }

    /// Moves it under another collection, or to the top with `nil`.
    public func move(toParent parent: String?) throws {
        _ = try client.call(path, ProviderInterface.collection, "MoveTo", [.string(parent ?? "")])
    }

    /// Deletes the collection with its rules.
    public func delete() throws {
        _ = try client.call(path, ProviderInterface.collection, "Delete")
    }
}
