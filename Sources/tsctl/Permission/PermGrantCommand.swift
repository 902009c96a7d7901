import ArgumentParser
import TaskSequenceSDK

/// `tsctl perm grant USER RIGHTS TARGET`.
struct PermGrantCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant a user or @group rights on a class or a package.",
        discussion: """
            Adds to what the user's entry there holds: class rights for a class name (every \
            package, including later ones), instance rights for a PackageID (that package). \
            USER must be a user or @group that exists on the service's machine. Prints what the \
            entry holds afterwards, as the service stored it: Modify and Delete need Read, so \
            granting them grants Read too. Administer and Create exist only on the class. You \
            need Administer on the class, or Delegate on the package (for rights you hold there \
            yourself).

              tsctl perm grant alice Read PS100004
              tsctl perm grant @deploy Read,Create SMS_TaskSequencePackage

            With --json, the resulting entry (see `tsctl perm list`).
            """
    )

    @Argument(help: ArgumentHelp("The Unix user name, or @group.", valueName: "user"))
    var user: String

    @Argument(help: ArgumentHelp("Rights, e.g. Read or Read|Modify.", valueName: "rights"))
    var rights: Rights

    @Argument(help: ArgumentHelp("A class name, a PackageID, or CLASS:KEY for another instance (SMS_Collection:PS100001).", valueName: "target"))
    var target: PermissionTarget

    @OptionGroup var global: GlobalOptions

    var subject: String { target.description }

    func run(client: ProviderClient, output: Output) throws {
        let entry = try client.grant(rights, to: user, on: target)
        try output.emit(entry) { "\(user) holds \(entry.rights) on \(target)" }
    }
}
