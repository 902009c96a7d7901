import ArgumentParser
import TaskSequenceSDK

/// `tsctl perm revoke USER RIGHTS TARGET`.
struct PermRevokeCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Take rights on a class or a package away from a user or @group.",
        discussion: """
            Changes the user's entry there and prints what it still holds. Read is needed by \
            the other rights, so revoking Read revokes everything: the entry is deleted, as is \
            an entry left with no right. Deleting a class entry also deletes that user's \
            entries on the class's packages. A user without an entry there keeps holding \
            nothing: the command changes nothing and succeeds. Rights the user holds through \
            class rights or its groups stay; `tsctl perm list` shows them.

              tsctl perm revoke alice Modify PS100004
              tsctl perm revoke @deploy Read SMS_TaskSequencePackage

            With --json, {"UserName", "Target", "Remaining", "RemainingNames"}.
            """
    )

    @Argument(help: ArgumentHelp("The Unix user name, or @group.", valueName: "user"))
    var user: String

    @Argument(help: ArgumentHelp("Rights, e.g. Modify or Modify|Delete.", valueName: "rights"))
    var rights: Rights

    @Argument(help: ArgumentHelp("A class name, a PackageID, or CLASS:KEY for another instance (SMS_Collection:PS100001).", valueName: "target"))
    var target: PermissionTarget

    @OptionGroup var global: GlobalOptions

    var subject: String { target.description }

    struct Remaining: Encodable {
        var userName: String
        var target: String
        var remaining: Rights
        enum CodingKeys: String, CodingKey { case userName = "UserName", target = "Target", remaining = "Remaining", names = "RemainingNames" }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(userName, forKey: .userName)
            try container.encode(target, forKey: .target)
            try container.encode(remaining, forKey: .remaining)
            try container.encode(remaining.names, forKey: .names)
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        let remaining = try client.revoke(rights, from: user, on: target)
        try output.emit(Remaining(userName: user, target: target.relativePath, remaining: remaining)) {
            remaining.isEmpty ? "\(user) holds no rights on \(target)" : "\(user) holds \(remaining) on \(target)"
        }
    }
}
