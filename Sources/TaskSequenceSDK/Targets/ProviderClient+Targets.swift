import DBusKit

extension ProviderClient {
    // MARK: Computers

    /// A handle for the computer with `resourceID`.
    public func computer(_ resourceID: UInt32) -> ComputerHandle {
        ComputerHandle(client: self, resourceID: resourceID)
    }

    /// The computers you may read with their properties, in ResourceID order (one call).
    public func computers() throws -> [ComputerInfo] {
        let reply = try call(ProviderPaths.classObject(ClassName.computer), ProviderInterface.computerClass, "GetComputers")
        guard case .array(_, let entries)? = reply.first else { return [] }
        return entries.compactMap(ComputerInfo.init(listed:))
    }

    /// The computer named `name` (any case) or with that ResourceID.
    ///
    /// - Throws: `ProviderError.unknownObject(_:)` when you may read no such computer.
    public func computer(named name: String) throws -> ComputerHandle {
        if let match = try computers().first(where: { $0.name.lowercased() == name.lowercased() }) {
            return computer(match.resourceID)
        }
        if let id = UInt32(name) {
            _ = try computer(id).info()
            return computer(id)
        }
        throw ProviderError.unknownObject("computer \(name)")
    }

    /// Imports one computer (Import Computer Information): a name with a MAC address or an
    /// SMBIOS GUID, optionally associated with a source computer for side-by-side migration.
    public func importComputer(
        named name: String, macAddress: String? = nil, smbiosGUID: String? = nil, sourceComputer: String? = nil, overwrite: Bool = false
    ) throws -> ComputerHandle {
        var entry: [String: DBusValue] = ["Name": .string(name), "Overwrite": .boolean(overwrite)]
        if let macAddress { entry["MACAddress"] = .string(macAddress) }
        if let smbiosGUID { entry["SMBIOSGUID"] = .string(smbiosGUID) }
        if let sourceComputer { entry["SourceComputer"] = .string(sourceComputer) }
        let reply = try call(ProviderPaths.classObject(ClassName.computer), ProviderInterface.computerClass, "Import", [.stringVariantDictionary(entry)])
        guard case .uint32(let id)? = reply.first else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider answered no ResourceID")
        }
        return computer(id)
    }

    /// Imports a CSV file in the wizard's format and returns every line's outcome; the good
    /// lines are imported in one transaction.
    public func importComputers(csv: String, overwrite: Bool = false) throws -> [ComputerImportLine] {
        let reply = try call(ProviderPaths.classObject(ClassName.computer), ProviderInterface.computerClass, "ImportCsv", [.string(csv), .boolean(overwrite)])
        guard case .array(_, let entries)? = reply.first else { return [] }
        return entries.compactMap(ComputerImportLine.init)
    }

    /// Associates two computers (by name or ResourceID) for side-by-side migration.
    public func associateComputers(source: String, destination: String) throws {
        _ = try call(ProviderPaths.classObject(ClassName.computer), ProviderInterface.computerClass, "AddAssociation", [.string(source), .string(destination)])
    }

    /// The associations whose destination you may read.
    public func computerAssociations() throws -> [ComputerAssociationInfo] {
        let reply = try call(ProviderPaths.classObject(ClassName.computer), ProviderInterface.computerClass, "GetAssociations")
        guard case .array(_, let entries)? = reply.first else { return [] }
        return entries.compactMap(ComputerAssociationInfo.init)
    }

    // MARK: Collections

    /// A handle for the collection with `id`.
    public func collection(_ id: String) -> CollectionHandle {
        CollectionHandle(client: self, id: id)
    }

    /// The collections you may read with their properties, in CollectionID order (one call).
    public func collections() throws -> [CollectionInfo] {
        let reply = try call(ProviderPaths.classObject(ClassName.collection), ProviderInterface.collectionClass, "GetCollections")
        guard case .array(_, let entries)? = reply.first else { return [] }
        return entries.compactMap(CollectionInfo.init(listed:))
    }

    /// Creates a collection, optionally under another.
    public func createCollection(named name: String, comment: String = "", parent: String? = nil) throws -> CollectionHandle {
        let reply = try call(
            ProviderPaths.classObject(ClassName.collection), ProviderInterface.collectionClass, "Create",
            [.string(name), .string(comment), .string(parent ?? "")])
        guard let id = reply.first?.stringValue else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider answered no CollectionID")
        }
        return collection(id)
    }
}
