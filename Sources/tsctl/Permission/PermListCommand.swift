import ArgumentParser
import TaskSequenceSDK

/// `tsctl perm list [TARGET]`: who holds which rights.
struct PermListCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List class and instance rights you may see.",
        discussion: """
            You see the entries that name you or one of your groups, all entries of a class you \
            hold Administer on, and the entries of packages you hold Delegate on; root sees all. \
            Whoever creates a package holds Read|Modify|Delete on it by an instance entry the \
            service makes, so a package lists its creator (root, for packages root made) \
            until that entry is revoked.

            The table names each package beside its PackageID. With --json, an array of \
            {"Scope" (class or instance), "UserName", "ObjectKey", "InstanceKey" (null for \
            class rights), "Permissions" (the number), "PermissionNames", "ObjectPath"}.

              tsctl perm list PS100004
              tsctl perm list --user @deploy
            """
    )

    @Argument(help: ArgumentHelp("Only rights on this class or package.", valueName: "target"))
    var target: PermissionTarget?

    @Option(name: .customLong("user"), help: ArgumentHelp("Only this user's (or @group's) rights.", valueName: "user"))
    var user: String?

    @OptionGroup var global: GlobalOptions

    var subject: String { target?.description ?? "rights" }

    func run(client: ProviderClient, output: Output) throws {
        let entries = try client.permissions(of: user, on: target)
        try output.emit(entries) {
            let names = Self.instanceNames(of: entries, client: client)
            var table = Table("SCOPE", "USER", "CLASS", "INSTANCE", "NAME", "RIGHTS")
            for entry in entries {
                let key = entry.instanceKey ?? ""
                table.add(entry.scope.rawValue, entry.userName, Self.className(of: entry.objectKey), key,
                          names[entry.objectKey]?[key.uppercased()] ?? "", entry.rights.description)
            }
            return table.text
        }
    }

    /// The secured classes by SMS object key (reference §6.1).
    static let securedClasses: [UInt32: String] = [20: ClassName.taskSequencePackage, 2: ClassName.smsPackage]

    static func className(of objectKey: UInt32) -> String {
        securedClasses[objectKey] ?? "object key \(objectKey)"
    }

    /// The names of the instances the entries are about, by object key and upper-cased key:
    /// one query per class (naming the keys when there are few). Names are a help for reading
    /// the table, so a failed query leaves them out rather than failing the listing.
    static func instanceNames(of entries: [PermissionEntry], client: ProviderClient) -> [UInt32: [String: String]] {
        var keys: [UInt32: Set<String>] = [:]
        for entry in entries {
            if let key = entry.instanceKey { keys[entry.objectKey, default: []].insert(key) }
        }
        var names: [UInt32: [String: String]] = [:]
        for (objectKey, instanceKeys) in keys {
            guard let className = securedClasses[objectKey] else { continue }
            var wql = "SELECT PackageID, Name FROM \(className)"
            if instanceKeys.count <= 50 {
                wql += " WHERE " + instanceKeys.sorted().map { "PackageID = " + ProviderClient.wqlString($0) }.joined(separator: " OR ")
            }
            guard let rows = try? client.query(wql) else { continue }
            for row in rows {
                guard let id = row["PackageID"]?.text, let name = row["Name"]?.text else { continue }
                names[objectKey, default: [:]][id.uppercased()] = name
            }
        }
        return names
    }
}
