import ArgumentParser
import TaskSequenceSDK

/// `tsctl perm check RIGHTS TARGET`: does the caller hold these rights.
struct PermCheckCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check whether you hold rights on a class or a package.",
        discussion: """
            Asks the service (UserHasPermissions) about you, as the bus knows you. Prints \
            `granted` or `not granted` and every right you hold there; the exit status is 0 \
            either way. With --json, {"Target", "Wanted", "Granted", "Held", "HeldNames"}.

              tsctl perm check Modify PS100004
            """
    )

    @Argument(help: ArgumentHelp("Rights, e.g. Read or Read|Modify.", valueName: "rights"))
    var rights: Rights

    @Argument(help: ArgumentHelp("A class name or a PackageID.", valueName: "target"))
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
