import ArgumentParser
import TaskSequenceSDK

/// `tsctl class show NAME`.
struct ClassShowCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a class's superclass, properties (type and qualifiers) and methods.",
        discussion: """
            With --json: {"Name", "Superclass", "Properties": [{"Name", "Type", "Qualifiers"}], \
            "Methods": [{"Name", "Qualifiers"}]}.
            """
    )

    @Argument(help: ArgumentHelp("The class name.", valueName: "class"))
    var name: String

    @OptionGroup var global: GlobalOptions

    var subject: String { "class \(name)" }

    func run(client: ProviderClient, output: Output) throws {
        let schema = try client.classSchema(name)
        try output.emit(schema) {
            var lines = ["\(schema.name)" + (schema.superclass.isEmpty ? "" : " : \(schema.superclass)")]
            var table = Table("PROPERTY", "TYPE", "QUALIFIERS")
            for property in schema.properties { table.add(property.name, property.cimType, property.qualifierSummary) }
            lines.append(table.text)
            if !schema.methods.isEmpty {
                lines.append("")
                lines.append("Methods: " + schema.methods.map(\.name).joined(separator: ", "))
            }
            return lines.joined(separator: "\n")
        }
    }
}
