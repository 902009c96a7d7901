import DBusKit
import ProviderCore

extension Interfaces {
    /// `GetPackages` on the package class: every readable package with its properties in one
    /// reply, as `GetComputers` does for computers.
    static func packageListMethods() -> [DBusInterfaceMember<ClassModel>] {
        [
            .method(DBusMethod(
                "GetPackages",
                outputs: [DBusArgument("packages", .array(.dictionary(key: .string, value: .variant)), doc: "One a{sv} per package in PackageID order, holding what GetAll on its SMS_TaskSequencePackage interface gives.")],
                doc: "Every package the caller may read with its properties, in one reply: what Enumerate and a GetAll on each would give, read in one transaction."
            ) { model, call in
                let caller = try model.bus.caller(call.caller)
                let packages = try model.bus.service.readablePackageProperties(for: caller)
                let warnings = try model.bus.service.readableImportWarnings(for: caller)
                let listed = try packages.sorted { $0.packageID < $1.packageID }.map { properties in
                    let bound = Interfaces.package.bound(to: PackageModel(
                        bus: model.bus, packageID: properties.packageID, resolved: properties,
                        resolvedImportWarnings: warnings[properties.packageID] ?? []))
                    let entries = try bound.allPropertyValues(for: call.caller).map {
                        DBusDictionaryEntry(key: .string($0.name), value: .variant($0.value))
                    }
                    return DBusValue.dictionary(key: .string, value: .variant, entries)
                }
                return [.array(.dictionary(key: .string, value: .variant), listed)]
            }),
        ]
    }
}
