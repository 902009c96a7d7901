import ArgumentParser
import TaskSequenceSDK

/// `tsctl perm check RIGHTS TARGET`: does the caller hold these rights.
struct PermCheckCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check whether you hold rights on a class or a package.",
        discussion: """
            Asks the service (UserHasPermissions) about you, as the bus knows you. Prints \
            `granted` or `not granted` and every right you hold there: class and package \
            rights of your user and your groups together (root holds all). A package you may \
            not read, or that does not exist, answers `not granted` and `none`. The exit status \
            is 0 either way. With --json, {"Target", "Wanted", "Granted", "Held", "HeldNames"}.

              tsctl perm check Modify PS100004
              tsctl perm check Create SMS_TaskSequencePackage
            """
    )

    @Argument(help: ArgumentHelp("Rights, e.g. Read or Read|Modify.", valueName: "rights"))
    var rights: Rights

    @Argument(help: ArgumentHelp("A class name, a PackageID, or CLASS:KEY for another instance (SMS_Collection:PS100001).", valueName: "target"))
    var target: PermissionTarget

    @OptionGroup var global: GlobalOptions

    var subject: String { target.description }

    func run(client: ProviderClient, output: Output) throws {
        let check = try client.check(rights, on: target)
        try output.emit(check) {
            "\(check.isGranted ? "granted" : "not granted"): \(rights) on \(target); you hold \(check.held)"
        }
    }
}
