import ArgumentParser
import TaskSequenceSDK

/// `tsctl perm list [TARGET]`: who holds which rights.
struct PermListCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List class and instance rights you may see.",
        discussion: """
            With --json, an array of {"Scope" (class or instance), "UserName", "ObjectKey", \
            "InstanceKey" (null for class rights), "Permissions" (the number), \
            "PermissionNames", "ObjectPath"}.
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
            var table = Table("SCOPE", "USER", "OBJECT KEY", "INSTANCE", "RIGHTS")
            for entry in entries {
                table.add(entry.scope.rawValue, entry.userName, String(entry.objectKey), entry.instanceKey ?? "", entry.rights.description)
            }
            return table.text
        }
    }
}
