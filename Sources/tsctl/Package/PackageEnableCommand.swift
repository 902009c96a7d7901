import ArgumentParser
import TaskSequenceSDK

/// `tsctl package enable ID…`: Enable-CMTaskSequence.
struct PackageEnableCommand: PackageSwitchCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Let task sequences run (Enable-CMTaskSequence).",
        discussion: """
            Sets TsEnabled and clears ProgramFlags bit 0x1000 (DISABLED). Every package named is tried; \
            the exit status is 1 when any could not be changed.
            """
    )
    static let enables = true

    @Argument(help: ArgumentHelp("The PackageIDs.", valueName: "package-id"))
    var packageIDs: [String] = []

    @OptionGroup var global: GlobalOptions
}

/// `tsctl package disable ID…`: Disable-CMTaskSequence.
struct PackageDisableCommand: PackageSwitchCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Stop task sequences from running (Disable-CMTaskSequence).",
        discussion: """
            Clears TsEnabled and sets ProgramFlags bit 0x1000 (DISABLED). Every package named is tried; \
            the exit status is 1 when any could not be changed.
            """
    )
    static let enables = false

    @Argument(help: ArgumentHelp("The PackageIDs.", valueName: "package-id"))
    var packageIDs: [String] = []

    @OptionGroup var global: GlobalOptions
}

/// What enable and disable share: each package tried, failures reported per package.
protocol PackageSwitchCommand: ServiceCommand {
    /// Whether the command enables (or disables) the packages.
    static var enables: Bool { get }
    var packageIDs: [String] { get }
}

extension PackageSwitchCommand {
    var subject: String { "package \(packageIDs.first ?? "")" }

    func validate() throws {
        guard !packageIDs.isEmpty else {
            throw ValidationError("Give at least one PackageID to \(Self.enables ? "enable" : "disable").")
        }
    }

    func run(client: ProviderClient, output: Output) throws {
        try EachTarget.apply(to: packageIDs, subject: { "package \($0)" }) { id in
            if Self.enables { try client.package(id).enable() } else { try client.package(id).disable() }
        }
    }
}
