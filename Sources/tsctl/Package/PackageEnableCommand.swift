import ArgumentParser
import TaskSequenceSDK

/// `tsctl package enable ID…`: Enable-CMTaskSequence.
struct PackageEnableCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Let task sequences run (Enable-CMTaskSequence).",
        discussion: """
            Sets TsEnabled and clears ProgramFlags bit 0x1000 (DISABLED). Every package named is tried; \
            the exit status is 1 when any could not be changed.
            """
    )

    @Argument(help: ArgumentHelp("The PackageIDs.", valueName: "package-id"))
    var packageIDs: [String] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageIDs.first ?? "")" }

    func validate() throws {
        guard !packageIDs.isEmpty else { throw ValidationError("Give at least one PackageID to enable.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try PackageEnabling.apply(true, to: packageIDs, client: client)
    }
}

/// `tsctl package disable ID…`: Disable-CMTaskSequence.
struct PackageDisableCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Stop task sequences from running (Disable-CMTaskSequence).",
        discussion: """
            Clears TsEnabled and sets ProgramFlags bit 0x1000 (DISABLED). Every package named is tried; \
            the exit status is 1 when any could not be changed.
            """
    )

    @Argument(help: ArgumentHelp("The PackageIDs.", valueName: "package-id"))
    var packageIDs: [String] = []

    @OptionGroup var global: GlobalOptions

    var subject: String { "package \(packageIDs.first ?? "")" }

    func validate() throws {
        guard !packageIDs.isEmpty else { throw ValidationError("Give at least one PackageID to disable.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        try PackageEnabling.apply(false, to: packageIDs, client: client)
    }
}

/// What enable and disable share: each package tried, failures reported per package.
enum PackageEnabling {
    static func apply(_ enabled: Bool, to ids: [String], client: ProviderClient) throws {
        var failed = false
        for id in ids {
            do {
                if enabled { try client.package(id).enable() } else { try client.package(id).disable() }
            } catch let error as ProviderError {
                StandardError.write(Diagnostics.line(subject: "package \(id)", error: error))
                failed = true
            }
        }
        if failed { throw ExitCode(ExitStatus.failure) }
    }
}
