import ArgumentParser

/// `tsctl xml`: offline commands on task sequence files; no service needed.
struct XMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xml",
        abstract: "Check and convert task sequence files without the service.",
        discussion: """
            Reads bare <sequence> documents (ConfigMgr and MDT ts.xml), the ConfigMgr 2007 \
            <SmsTaskSequencePackage> wrapper, ConfigMgr 2012+ object.xml and the .zip exports \
            that hold it (zips inside zips too).
            """,
        subcommands: [CheckCommand.self, ConvertCommand.self]
    )
}
