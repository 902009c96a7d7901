import DBusKit

/// A computer on the provider, by ResourceID. Making one asks nothing of the provider.
///
/// ```swift
/// let computer = try client.importComputer(named: "PC-042", macAddress: "00:15:5D:01:02:03")
/// print(try computer.info().name)
/// ```
public struct ComputerHandle: Sendable {
    /// The client calls go through.
    public let client: ProviderClient
    /// The ResourceID.
    public let resourceID: UInt32

    /// A handle for `resourceID`.
    public init(client: ProviderClient, resourceID: UInt32) {
        self.client = client
        self.resourceID = resourceID
    }

    var path: ObjectPath { ProviderPaths.computer(resourceID) }

    /// The computer's object path on the bus.
    public var objectPath: String { path.rawValue }

    /// The WMI relative path, `SMS_R_System.ResourceID=16777217`.
    public var relativePath: String { "\(ClassName.computer).ResourceID=\(resourceID)" }

    /// Every property, in one call.
    ///
    /// - Throws: `ProviderError.unknownObject(_:)` when there is no such computer (or you may
    ///   not read it).
    public func info() throws -> ComputerInfo {
        ComputerInfo(try client.properties(of: ProviderInterface.computer, at: path))
    }

    /// The collections that hold it, as far as you may read them: (CollectionID, name, and the
    /// sub-collection it is reached through, empty for a member).
    public func collections() throws -> [(collectionID: String, name: String, throughSubCollection: String)] {
        let reply = try client.call(path, ProviderInterface.computer, "GetCollections")
        guard case .array(_, let entries)? = reply.first else { return [] }
        return entries.compactMap { entry in
            guard let fields = entry.structureFields, fields.count == 3, let id = fields[0].stringValue, let name = fields[1].stringValue,
                  let through = fields[2].stringValue else { return nil }
            return (id, name, through)
        }
    }

    /// Deletes the computer with its memberships and associations.
    public func delete() throws {
        _ = try client.call(path, ProviderInterface.computer, "Delete")
    }
}
