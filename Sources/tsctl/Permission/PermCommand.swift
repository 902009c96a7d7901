import ArgumentParser
import TaskSequenceSDK

/// `tsctl perm`: class and instance rights (SMS_UserClassPermissions, SMS_UserInstancePermissions).
struct PermCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perm",
        abstract: "List, grant, revoke and check rights on classes and packages.",
        discussion: """
            TARGET is a class name (SMS_TaskSequencePackage: every package) or a PackageID (one \
            package). RIGHTS are names joined by | or , (Read, Modify, Delete, Administer, \
            Create, Delegate) or a number. USER is a Unix user name, or @group, that exists on \
            the service's machine.
            """,
        subcommands: [PermListCommand.self, PermGrantCommand.self, PermRevokeCommand.self, PermCheckCommand.self]
    )
}

extension Rights: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}

extension PermissionTarget: ExpressibleByArgument {
    public init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        self.init(parsing: argument)
    }
}
