import ArgumentParser
import TaskSequenceSDK

/// `tsctl package templates [NAME]`: the wizard templates `package create --template` takes,
/// and one template's parameters with the option (or secrets-file line) that gives each.
struct PackageTemplatesCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the templates of package create --template, or one template's parameters.",
        discussion: """
            Without NAME, one line per template: name and the wizard's wording. With NAME, its \
            parameters: the option of package create (or the --secrets-file line) that gives each, \
            its type, whether it is required or secret, its default and meaning. With --json, the \
            provider's description (GetTemplates / GetTemplate): Name, Title, Description, \
            Parameters (Name, Type, Required, Secret, Multiple, Description, Default, Values).
            """
    )

    @Argument(help: ArgumentHelp("A template: install-image, build-and-capture or custom.", valueName: "name"))
    var name: String?

    @OptionGroup var global: GlobalOptions

    var subject: String { name.map { "template \($0)" } ?? "templates" }

    func run(client: ProviderClient, output: Output) throws {
        guard let name else {
            let templates = try client.templates()
            try output.emit(templates) {
                var table = Table("TEMPLATE", "TITLE")
                for template in templates { table.add(template.name, template.title) }
                return table.text
            }
            return
        }
        let template = try client.template(named: name)
        try output.emit(template) {
            var table = Table("OPTION", "TYPE", "REQUIRED", "SECRET", "DEFAULT", "MEANING")
            for parameter in template.parameters {
                table.add(TemplateOptions.option(forParameter: parameter.name), parameter.kind.rawValue, parameter.isRequired ? "yes" : "",
                          parameter.isSecret ? "yes" : "", parameter.defaultValue ?? "", parameter.summary)
            }
            return template.title + "\n\n" + table.text
        }
    }
}
