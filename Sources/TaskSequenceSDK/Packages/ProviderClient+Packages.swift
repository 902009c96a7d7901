import DBusKit
import Foundation

extension ProviderClient {
    /// A handle for the package with `id`; nothing is asked of the provider until you use it.
    public func package(_ id: String) -> PackageHandle {
        PackageHandle(client: self, id: id)
    }

    /// The IDs of the packages you may read, in ID order (the class object's `Enumerate`).
    public func packageIDs() throws -> [String] {
        let reply = try call(ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.classObject, "Enumerate")
        return Self.paths(reply.first).compactMap(ProviderPaths.packageID(of:))
    }

    /// Every package you may read, with its properties, in ID order: one call (the class
    /// object's `GetPackages`), read in one transaction.
    public func packages() throws -> [PackageInfo] {
        let reply = try call(ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "GetPackages")
        guard case .array(_, let entries)? = reply.first?.unwrappingVariant else { return [] }
        return entries.map { PackageInfo(OrderedProperties($0)) }
    }

    /// Creates an empty package (a sequence with no steps) through the class object's
    /// `CreateInstance` and returns it.
    ///
    /// ```swift
    /// let package = try client.createPackage(named: "Win11 build", properties: [.description: "Reference image"])
    /// ```
    ///
    /// - Throws: `ProviderError.validationFailed(property:rule:)` for a value the object model
    ///   refuses.
    public func createPackage(named name: String, properties: [PackageProperty: PropertyValue] = [:]) throws -> PackageHandle {
        var values = Dictionary(uniqueKeysWithValues: properties.map { ($0.key.rawValue, $0.value) })
        values[PackageProperty.name.rawValue] = .string(name)
        let reply = try call(
            ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.classObject, "CreateInstance", [values.dbusDictionary])
        return try handle(forPackagePath: reply.first)
    }

    /// Several packages in one export (the class object's `ExportData`): `zip` holds them all,
    /// as Export-CMTaskSequence writes several; text formats take one. Secrets are blanked.
    ///
    /// - Throws: `ProviderError.unknownObject(_:)` when a package is missing or unreadable;
    ///   nothing is exported then.
    public func exportPackages(_ ids: [String], format: ExportFormat = .zip) throws -> Data {
        let settings: [String: PropertyValue] = ["format": .string(format.rawValue)]
        let reply = try call(
            ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "ExportData",
            [.array(.string, ids.map(DBusValue.string)), settings.dbusDictionary], timeout: options.transferTimeout)
        return ExportReply.data(reply.first)
    }

    func handle(forPackagePath value: DBusValue?) throws -> PackageHandle {
        guard case .objectPath(let path)? = value?.unwrappingVariant, let id = ProviderPaths.packageID(of: path) else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider answered \(value.map(String.init(describing:)) ?? "nothing") where a package path was expected")
        }
        return package(id)
    }
}
