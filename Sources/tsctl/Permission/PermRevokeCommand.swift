import ArgumentParser
import TaskSequenceSDK

/// `tsctl perm revoke USER RIGHTS TARGET`.
struct PermRevokeCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Take rights on a class or a package away from a user.",
        discussion: """
            The user's entry goes when no right is left in it. Prints what the user still holds \
            there; with --json, {"UserName", "Target", "Remaining", "RemainingNames"}.
            """
    )

    @Argument(help: ArgumentHelp("The Unix user name, or @group.", valueName: "user"))
    var user: String

    @Argument(help: ArgumentHelp("Rights, e.g. Modify or Modify|Delete.", valueName: "rights"))
    var rights: Rights

    @Argument(help: ArgumentHelp("A class name or a PackageID.", valueName: "target"))
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
            "\(user) holds \(remaining) on \(target)"
        }
    }
}
